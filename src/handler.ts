import { randomBytes, randomInt } from 'node:crypto';
import path from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import type { Context } from 'aws-lambda';
import { parseArgs } from './args';
import { bundledConfigs, projectRoot } from './config/load';
import { formatDateTime } from './core/datetime';
import { openDatabase, type Database } from './db/pool';
import { PgRunLog } from './db/runlog';
import { optionalString, requiredString } from './env';
import { ArgumentError, describeError, type ErrorCode } from './errors';
import { classifyEvent, splitArgs, type Invocation } from './lambda/events';
import { planUpload } from './lambda/upload-run';
import { runJob } from './pipeline';
import {
  createS3Client,
  listKeys,
  objectExists,
  resolveNewest,
} from './store/s3';
import { bytesReaderFor, readerFor, storeFor } from './store/select';
import { version } from '../package.json';

/**
 * The Lambda entry point. It turns each event into the same validated job
 * the CLI builds and runs the shared pipeline. The S3 client and the
 * Postgres pool live in module scope: created on the first invocation of
 * a container and reused while it stays warm.
 */

/** What the handler uses of Lambda's context. */
export type LambdaContext = Partial<
  Pick<Context, 'awsRequestId' | 'getRemainingTimeInMillis'>
>;

/** Time kept back to remove a run's objects before Lambda's timeout. */
const CLEAN_UP_MS = 20_000;

export interface LambdaResponse {
  statusCode: number;
  body: string;
}

let s3: S3Client | undefined;
let database: Promise<Database> | undefined;

const client = () => (s3 ??= createS3Client(process.env));

function openLog(): Promise<Database> {
  database ??= openDatabase(process.env, {
    embeddedDir: '',
    allowEmbedded: false,
  }).catch((error: unknown) => {
    database = undefined;
    throw error;
  });
  return database;
}

/** Invoked by Lambda for a direct call, an S3 upload or the schedule. */
export async function fleetmocker(
  event: unknown,
  context?: LambdaContext,
): Promise<LambdaResponse> {
  let invocation: Invocation | undefined;
  try {
    invocation = classifyEvent(
      event,
      optionalString(process.env, 'SCHEDULE_ARGS'),
    );
    if (invocation.kind === 'upload') {
      return await onUpload(invocation, context);
    }
    const runId = newRunId(context);
    return await runWords(invocation.words, runId, context);
  } catch (error) {
    const { code, message } = describeError(error);
    log({ level: 'error', message, code });
    // Only a started-by-AWS invocation benefits from Lambda's retries, and
    // only for faults that may pass.
    if (invocation && invocation.kind !== 'direct' && isTransient(code)) {
      throw error;
    }
    return respond(statusOf(code), { error: { code, message } });
  }
}

async function runWords(
  words: string[],
  runId: string,
  context?: LambdaContext,
): Promise<LambdaResponse> {
  const bucket = () =>
    requiredString(process.env, 'S3_BUCKET_NAME', 'when --store is not given');
  const withStore = words.some(
    (w) => w === '--store' || w.startsWith('--store='),
  )
    ? words
    : [...words, '--store', `s3://${bucket()}/mocks`];
  const command = await parseArgs(withStore, {
    now: new Date(),
    drawSeed: () => String(randomInt(1, 2 ** 31)),
  });
  if (command.command !== 'generate') {
    throw new ArgumentError(
      `event: expected a generation job, found "${command.command}"`,
    );
  }
  const files = await Promise.all(
    command.files.map(async (f) => ({
      ...f,
      path: f.path.startsWith('s3://')
        ? await resolveNewest(client(), f.path)
        : path.resolve(projectRoot(), f.path),
    })),
  );
  const db = await openLog();
  // Stop in time to clean up rather than be killed with uploads open. The
  // clock is read on every row: a timer would not fire while rows are
  // generated.
  const left = context?.getRemainingTimeInMillis?.();
  const stopAt =
    left === undefined ? Infinity : Date.now() + left - CLEAN_UP_MS;
  const deadline = {
    get aborted() {
      return Date.now() >= stopAt;
    },
    reason: 'Lambda timeout near',
  };
  const result = await runJob(
    { ...command, files },
    {
      store: storeFor(command.store, client),
      readText: readerFor(client),
      readBytes: bytesReaderFor(client),
      runLog: new PgRunLog(db.pool),
      runId,
      clock: () => new Date(),
      toolVersion: version,
      signal: deadline,
      log,
    },
  );
  return respond(200, {
    status: 'generated',
    runId: result.runId,
    seed: result.seed,
    location: result.location,
    files: result.files.map((f) => ({
      uri: f.location,
      day: f.day,
      rows: f.rows,
      bytes: f.bytes,
    })),
    report: result.reportLocation,
    manifest: result.manifestLocation,
  });
}

async function onUpload(
  invocation: Extract<Invocation, { kind: 'upload' }>,
  context?: LambdaContext,
): Promise<LambdaResponse> {
  const configs = bundledConfigs();
  const extra = splitArgs(optionalString(process.env, 'UPLOAD_ARGS') ?? '');
  const outcomes: unknown[] = [];
  for (const object of invocation.objects) {
    const folder = path.posix.dirname(object.key);
    const siblings = await listKeys(
      client(),
      `s3://${object.bucket}/${folder}/`,
    );
    const plan = planUpload(object, configs, siblings, extra);
    if (plan.action !== 'run') {
      log({
        level: 'info',
        message: `upload of ${object.key}: ${plan.action}`,
        ...plan,
      });
      outcomes.push({
        key: object.key,
        status: plan.action === 'wait' ? 'waiting' : 'ignored',
        ...plan,
      });
      continue;
    }
    const store = storeLocation(plan.words);
    const manifest = `${store}/${plan.runId}/manifest.json`;
    if (await objectExists(client(), manifest)) {
      log({
        level: 'info',
        message: `run ${plan.runId} already complete`,
        manifest,
      });
      outcomes.push({
        key: object.key,
        status: 'complete',
        runId: plan.runId,
        manifest,
      });
      continue;
    }
    const response = await runWords(plan.words, plan.runId, context);
    outcomes.push({ key: object.key, ...JSON.parse(response.body) });
  }
  return respond(200, { uploads: outcomes });
}

function storeLocation(words: string[]): string {
  const joined = words.find((w) => w.startsWith('--store='));
  if (joined) return joined.slice('--store='.length).replace(/\/$/, '');
  const at = words.indexOf('--store');
  if (at >= 0 && words[at + 1]) return words[at + 1].replace(/\/$/, '');
  return `s3://${requiredString(process.env, 'S3_BUCKET_NAME', 'when --store is not given')}/mocks`;
}

function newRunId(context?: LambdaContext): string {
  const stamp = formatDateTime(Date.now() / 1000, 'YYYYMMDD-HHmmss');
  const tail =
    context?.awsRequestId?.slice(0, 6) ?? randomBytes(3).toString('hex');
  return `${stamp}-${tail}`;
}

function respond(statusCode: number, body: unknown): LambdaResponse {
  return { statusCode, body: JSON.stringify(body) };
}

function statusOf(code: ErrorCode): number {
  if (code === 'E_ARGS' || code === 'E_CONFIG' || code === 'E_SAMPLE')
    return 400;
  if (code === 'E_ENV') return 500;
  if (code === 'E_INTERRUPTED') return 504;
  return code === 'E_STORE' || code === 'E_DB' ? 502 : 500;
}

function isTransient(code: ErrorCode): boolean {
  return code === 'E_STORE' || code === 'E_DB' || code === 'E_INTERNAL';
}

function log(event: Record<string, unknown>): void {
  process.stderr.write(
    JSON.stringify({
      time: new Date().toISOString(),
      service: 'fleetmocker',
      ...event,
    }) + '\n',
  );
}
