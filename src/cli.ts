import { randomBytes, randomInt } from 'node:crypto';
import path from 'node:path';
import { parseArgs, type GenerateJob, type InferJob } from './args';
import { formatDateTime } from './core/datetime';
import { openDatabase, type Database } from './db/pool';
import { formatRuns, listRecentRuns, PgRunLog } from './db/runlog';
import { describeError, EXIT_CODES } from './errors';
import { inferConfigText } from './infer';
import { readSampleTexts } from './pipeline';
import { runJob, type RunResult } from './pipeline';
import type { S3Client } from '@aws-sdk/client-s3';
import { createS3Client } from './store/s3';
import { bytesReaderFor, readerFor, storeFor } from './store/select';
import { optionalString } from './env';
import { version } from '../package.json';

/**
 * The command-line entry point: the only place that reads process.argv and
 * process.env, opens the database and decides the exit status.
 */
async function main(argv: string[]): Promise<number> {
  const now = () => new Date();
  let db: Database | undefined;
  try {
    const command = await parseArgs(argv, {
      now: now(),
      drawSeed: () => String(randomInt(1, 2 ** 31)),
    });
    if (command.command === 'help') {
      process.stdout.write(command.text + '\n');
      return 0;
    }
    if (command.command === 'version') {
      process.stdout.write(`fleetmocker ${version}\n`);
      return 0;
    }
    if (command.command === 'infer') {
      process.stdout.write(await infer(command));
      return 0;
    }
    db = await openDatabase(process.env, {
      embeddedDir:
        optionalString(process.env, 'FLEETMOCKER_PGDATA') ??
        path.resolve('.fleetmocker', 'pgdata'),
      allowEmbedded: true,
    });
    if (command.command === 'runs') {
      const runs = await listRecentRuns(db.pool, command.limit);
      process.stdout.write(formatRuns(runs) + '\n');
      return 0;
    }
    const result = await generate(command, db, now);
    process.stdout.write(summary(command, result, logsAt(db)));
    return 0;
  } catch (error) {
    const { code, message } = describeError(error);
    process.stderr.write(`fleetmocker: ${message} [${code}]\n`);
    return EXIT_CODES[code];
  } finally {
    await db?.close().catch(() => undefined);
  }
}

/** The inferred config's JSON; reads local files or s3:// URIs. */
async function infer(job: InferJob): Promise<string> {
  let s3: S3Client | undefined;
  const read = bytesReaderFor(() => (s3 ??= createS3Client(process.env)));
  return inferConfigText(await readSampleTexts(job.files, read, job.encoding));
}

async function generate(
  job: GenerateJob,
  db: Database,
  now: () => Date,
): Promise<RunResult> {
  const runId = `${formatDateTime(now().getTime() / 1000, 'YYYYMMDD-HHmmss')}-${randomBytes(3).toString('hex')}`;
  // Ctrl-C stops the run between rows and removes what it wrote; a second
  // one ends the process at once.
  const interrupt = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      interrupt.abort(signal);
      process.once(signal, () => process.exit(EXIT_CODES.E_INTERRUPTED));
    });
  }
  const json = optionalString(process.env, 'FLEETMOCKER_LOG') === 'json';
  if (job.seedDrawn) {
    process.stderr.write(
      `fleetmocker: no --seed given, using --seed ${job.seed}\n`,
    );
  }
  // Built only when a location is s3://, so local runs need no AWS setup.
  let s3: S3Client | undefined;
  const client = () => (s3 ??= createS3Client(process.env));
  return runJob(job, {
    store: storeFor(job.store, client),
    readText: readerFor(client),
    readBytes: bytesReaderFor(client),
    runLog: new PgRunLog(db.pool),
    runId,
    clock: now,
    toolVersion: version,
    signal: interrupt.signal,
    onProgress: (message) => process.stderr.write(`fleetmocker: ${message}\n`),
    // Structured events are for log collectors; people get the summary.
    log: json
      ? (event) =>
          process.stderr.write(
            JSON.stringify({ time: now().toISOString(), ...event }) + '\n',
          )
      : undefined,
  });
}

function summary(
  job: GenerateJob,
  result: RunResult,
  dbTarget: string,
): string {
  const lines = [
    `run ${result.runId} (seed ${result.seed}, ${job.range.start} to ${job.range.end})`,
    `entities: ${Object.entries(result.entities)
      .map(([k, v]) => `${v} ${k}s`)
      .join(', ')}`,
    `folder:   ${result.location}`,
  ];
  const byRole = new Map<string, { rows: number; files: number }>();
  for (const f of result.files) {
    const t = byRole.get(f.role) ?? { rows: 0, files: 0 };
    t.rows += f.rows;
    t.files += 1;
    byRole.set(f.role, t);
  }
  for (const [role, t] of byRole) {
    lines.push(`  ${role}: ${t.rows} rows in ${t.files} files`);
  }
  lines.push(`report:   ${result.reportLocation}`);
  lines.push(`manifest: ${result.manifestLocation}`);
  lines.push(`logs:     ${dbTarget} (see npx fleetmocker runs)`);
  return lines.join('\n') + '\n';
}

/** Where the run log is, in words that stay true after the run. */
function logsAt(db: Database): string {
  const embedded = /\(embedded in (.+)\)$/.exec(db.target);
  return embedded ? `embedded database in ${embedded[1]}` : db.target;
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
