import path from 'node:path';
import type { FileArgument, GenerateJob } from './args';
import {
  isConfigPath,
  parseConfig,
  projectRoot,
  type LoadedConfig,
} from './config/load';
import type { Config, FileSpec } from './config/schema';
import { MockGenerator, type FileDay } from './core/generate';
import { formatDateTime } from './core/datetime';
import { CsvWriter } from './csv/writer';
import type { RunLog, StageName, StageTiming } from './db/types';
import {
  describeError,
  FleetmockerError,
  InterruptedError,
  SampleError,
} from './errors';
import { inferConfigText, type SampleText } from './infer';
import { fidelity } from './report/fidelity';
import { pairFidelity } from './report/pair-fidelity';
import { ColumnProfiler, compareProfiles } from './report/profile';
import type { ReportModel } from './report/model';
import { renderReport } from './report/render';
import { readSample, type Sample } from './sample/read';
import type { ReadBytes, ReadText, RunOutput, Store } from './store/types';
import { neutraliseFormula } from './csv/formulas';
import { sniffSample, type Dialect } from './sample/dialect';
import type { Encoding } from './sample/encoding';
import { forReport, withSampleFormats } from './sample/formats';

/** What a run needs from outside the core; entry points build these. */
export interface PipelineDeps {
  store: Store;
  readText: ReadText;
  /** Reads samples as bytes, so their encoding can be told; else text. */
  readBytes?: ReadBytes;
  runLog: RunLog;
  runId: string;
  clock: () => Date;
  toolVersion: string;
  /** Where bundled configs live (configs/<name>.json). */
  configDir?: string;
  /** Human progress (the CLI prints it); structured events go to log. */
  onProgress?: (message: string) => void;
  /**
   * Stops the run between rows once aborted; its output is then removed.
   * Read on every row, so a getter that compares the clock with a
   * deadline works even while generation keeps timers from firing.
   */
  signal?: StopSignal;
  log?: (event: Record<string, unknown>) => void;
}

/** An AbortSignal, or anything else that says whether to stop. */
export interface StopSignal {
  readonly aborted: boolean;
  readonly reason?: unknown;
}

/** One written file of one mock day. */
export interface WrittenFile {
  role: string;
  day: string;
  name: string;
  path: string;
  location: string;
  rows: number;
  bytes: number;
  sha256: string;
}

export interface RunResult {
  runId: string;
  location: string;
  reportLocation: string;
  manifestLocation: string;
  seed: string;
  files: WrittenFile[];
  entities: Record<string, number>;
  stages: StageTiming[];
}

/**
 * Runs one job: read samples and config, learn, generate and write every
 * day's files, then the report and the manifest, and publish the run.
 * Every stage is timed into the run log. On any failure the run's output
 * is removed and the run is logged as failed.
 * @throws FleetmockerError (E_ARGS, E_CONFIG, E_SAMPLE, E_STORE, ...).
 */
export async function runJob(
  job: GenerateJob,
  deps: PipelineDeps,
): Promise<RunResult> {
  const stages: StageTiming[] = [];
  const finished = async (timing: StageTiming) => {
    stages.push(timing);
    const { stage, durationMs, rows, bytes } = timing;
    deps.log?.({
      level: 'info',
      message: 'stage finished',
      runId: deps.runId,
      stage,
      durationMs,
      rows,
      bytes,
    });
    await deps.runLog.recordStage(deps.runId, timing);
    await deps.runLog.recordEvent(deps.runId, {
      level: 'info',
      message: `${stage} finished`,
      time: deps.clock(),
      stage,
      data: { durationMs, rows, bytes },
    });
  };
  const timed = async <T>(
    stage: StageName,
    work: () => Promise<{ value: T; rows: number; bytes: number }>,
  ): Promise<T> => {
    const startedAt = deps.clock();
    const result = await work();
    await finished({
      stage,
      startedAt,
      durationMs: deps.clock().getTime() - startedAt.getTime(),
      rows: result.rows,
      bytes: result.bytes,
    });
    return result.value;
  };

  let loaded: (LoadedConfig & { text: string }) | undefined;
  let output: RunOutput | undefined;
  let started = false;
  try {
    // Inference reads the samples before the run does; each is fetched
    // once and handed to the run from memory.
    const readBytes =
      job.config === AUTO ? readTwiceFetchOnce(bytesOf(deps)) : bytesOf(deps);
    loaded = await loadConfig(job, deps, readBytes);
    const config = loaded.config;
    await deps.runLog.startRun({
      runId: deps.runId,
      startedAt: deps.clock(),
      args: jobArguments(job),
      seed: job.seed,
      configName: config.name,
      configHash: loaded.hash,
    });
    started = true;

    const samples = await timed('read', async () => {
      const read = await readSamples(job, config.files, readBytes);
      return {
        value: read.samples,
        rows: [...read.samples.values()].reduce((n, s) => n + s.rows.length, 0),
        bytes: read.bytes,
      };
    });

    const { generator, sampleProfilers, readables } = await timed(
      'profile',
      async () => {
        const generator = new MockGenerator(
          withSampleFormats(config, samples),
          samples,
          {
            seed: job.seed,
            days: job.days,
            dataSize: job.dataSize,
          },
        );
        const readables = new Map(
          [...samples].map(([role, s]) => [
            role,
            forReport(s, specOf(config, role)),
          ]),
        );
        const sampleProfilers = new Map(
          [...samples].map(([role, s]) => {
            const profiler = new ColumnProfiler(s.header);
            const readable = readables.get(role)!;
            s.records.forEach((r) => profiler.add(readable(r)));
            return [role, profiler];
          }),
        );
        return {
          value: { generator, sampleProfilers, readables },
          rows: 0,
          bytes: 0,
        };
      },
    );

    output = await deps.store.begin(deps.runId);
    const target = output;
    if (job.config === AUTO) {
      // The inferred config beside the run, so that it can be repeated
      // or edited: its bytes are the ones hashed in the manifest.
      const file = await target.create(AUTO_CONFIG_FILE);
      await file.write(loaded.text);
      await file.close();
    }
    const mockProfilers = new Map<string, ColumnProfiler>();
    // Which columns to neutralise depends on the file, not the day.
    const formulaMasks = new Map<string, boolean[] | null>();
    let writeMs = 0;
    const generateStart = deps.clock();
    const files: WrittenFile[] = [];
    for (let d = 0; d < job.days.length; d++) {
      const day = formatDateTime(job.days[d], 'YYYY-MM-DD');
      for (const fileDay of generator.day(d)) {
        const profiler =
          mockProfilers.get(fileDay.role) ?? new ColumnProfiler(fileDay.header);
        mockProfilers.set(fileDay.role, profiler);
        if (!formulaMasks.has(fileDay.role)) {
          formulaMasks.set(
            fileDay.role,
            job.neutraliseFormulas ? textColumns(config.files, fileDay) : null,
          );
        }
        const written = await writeFileDay(
          deps.signal,
          target,
          day,
          fileDay,
          {
            dialect: samples.get(fileDay.role)!.dialect,
            readable: readables.get(fileDay.role)!,
            formulas: formulaMasks.get(fileDay.role) ?? null,
          },
          profiler,
          (ms) => {
            writeMs += ms;
          },
          deps.clock,
        );
        files.push(written);
      }
      deps.onProgress?.(`day ${d + 1}/${job.days.length} (${day}) written`);
    }
    if (deps.signal?.aborted) {
      throw new InterruptedError(
        `interrupted (${String(deps.signal.reason)}); the run was removed`,
      );
    }
    const totalRows = files.reduce((n, f) => n + f.rows, 0);
    const totalBytes = files.reduce((n, f) => n + f.bytes, 0);
    const generateMs = deps.clock().getTime() - generateStart.getTime();
    for (const [stage, durationMs, bytes] of [
      ['generate', generateMs - writeMs, 0],
      ['write', writeMs, totalBytes],
    ] as const) {
      await finished({
        stage,
        startedAt: generateStart,
        durationMs,
        rows: totalRows,
        bytes,
      });
    }

    const report = await timed('report', async () => {
      const compared: Omit<ReportModel, 'fidelity'> = {
        runId: deps.runId,
        arguments: displayArguments(job),
        seed: job.seed,
        config: { name: config.name, hash: loaded!.hash },
        toolVersion: deps.toolVersion,
        files: config.files.map((spec) => ({
          role: spec.role,
          sampleName: samples.get(spec.role)!.name,
          days: files
            .filter((f) => f.role === spec.role)
            .map((f) => ({
              day: f.day,
              name: f.name,
              rows: f.rows,
              bytes: f.bytes,
            })),
          columns: compareProfiles(
            sampleProfilers.get(spec.role)!.profiles(),
            mockProfilers.get(spec.role)?.profiles() ?? [],
          ),
        })),
        relations: generator.relationTallies(),
        stages,
      };
      const model: ReportModel = {
        ...compared,
        fidelity: fidelity(
          compared.files.map((f) => ({
            ...f,
            pairs: pairFidelity(
              f.columns,
              sampleProfilers.get(f.role)!,
              mockProfilers.get(f.role) ?? new ColumnProfiler([]),
            ),
          })),
          compared.relations,
        ),
      };
      const html = renderReport(model);
      const file = await target.create('report.html');
      await file.write(html);
      await file.close();
      const bytes = Buffer.byteLength(html);
      return {
        value: { bytes, fidelity: model.fidelity },
        rows: 0,
        bytes,
      };
    });

    const manifest = {
      runId: deps.runId,
      tool: { name: 'fleetmocker', version: deps.toolVersion },
      arguments: jobArguments(job),
      seed: job.seed,
      config: {
        name: config.name,
        source: loaded.source,
        sha256: loaded.hash,
        ...(job.config === AUTO ? { path: AUTO_CONFIG_FILE } : {}),
      },
      entities: generator.entityCounts(),
      files: files.map(({ location: _, ...f }) => f),
      report: { path: 'report.html', bytes: report.bytes },
      fidelity: report.fidelity,
    };
    // Written last: its presence marks a complete run.
    const manifestFile = await target.create('manifest.json');
    await manifestFile.write(JSON.stringify(manifest, null, 2) + '\n');
    await manifestFile.close();
    await target.publish();

    await deps.runLog.finishRun(deps.runId, {
      finishedAt: deps.clock(),
      status: 'succeeded',
      totalRows,
      totalBytes,
    });
    return {
      runId: deps.runId,
      location: target.location,
      reportLocation: target.locate('report.html'),
      manifestLocation: target.locate('manifest.json'),
      seed: job.seed,
      files,
      entities: generator.entityCounts(),
      stages,
    };
  } catch (error) {
    // The failure that stopped the run is the one to report; a failed
    // clean-up is logged beside it.
    await output?.abort().catch((cleanup: unknown) => {
      deps.log?.({
        level: 'error',
        message: `clean-up failed: ${describeError(cleanup).message}`,
        runId: deps.runId,
      });
    });
    if (started) {
      const { code, message } = describeError(error);
      deps.log?.({ level: 'error', message, code, runId: deps.runId });
      await deps.runLog
        .recordEvent(deps.runId, {
          level: 'error',
          message,
          time: deps.clock(),
          data: { code },
        })
        .catch(() => undefined);
      await deps.runLog
        .finishRun(deps.runId, {
          finishedAt: deps.clock(),
          status: 'failed',
          totalRows: 0,
          totalBytes: 0,
          error: { code, message },
        })
        .catch(() => undefined);
    }
    throw error;
  }
}

/** The spec of a file of the config, by role. */
function specOf(config: Config, role: string): FileSpec {
  return config.files.find((f) => f.role === role)!;
}

async function writeFileDay(
  signal: StopSignal | undefined,
  output: RunOutput,
  day: string,
  fileDay: FileDay,
  format: {
    dialect: Dialect;
    /** A row as the report profiles it. */
    readable: (fields: string[]) => string[];
    formulas: boolean[] | null;
  },
  profiler: ColumnProfiler,
  addWriteMs: (ms: number) => void,
  clock: () => Date,
): Promise<WrittenFile> {
  const relative = `${day}/${fileDay.name}`;
  const writer = new CsvWriter(
    await output.create(relative),
    format.dialect,
    relative,
  );
  const mask = format.formulas;
  await writer.header(fileDay.header);
  let writeMs = 0;
  for (const row of fileDay.rows) {
    if (signal?.aborted) {
      throw new InterruptedError(
        `interrupted (${String(signal.reason ?? 'aborted')}) while writing ${relative}; the run was removed`,
      );
    }
    profiler.add(format.readable(row));
    const t = clock().getTime();
    await writer.row(
      mask ? row.map((v, i) => (mask[i] ? neutraliseFormula(v) : v)) : row,
    );
    writeMs += clock().getTime() - t;
  }
  const t = clock().getTime();
  const sha256 = await writer.finish(fileDay.trailer(), fileDay.finalNewline);
  writeMs += clock().getTime() - t;
  addWriteMs(writeMs);
  return {
    role: fileDay.role,
    day,
    name: fileDay.name,
    path: relative,
    location: output.locate(relative),
    rows: writer.rows,
    bytes: writer.bytes,
    sha256,
  };
}

/** Reads a sample's bytes, through the text reader when there is none. */
function bytesOf(deps: PipelineDeps): ReadBytes {
  return (
    deps.readBytes ??
    (async (file: string) => Buffer.from(await deps.readText(file)))
  );
}

/**
 * A reader whose second read of a file is served from the first, then
 * forgotten, so that a sample is fetched once but not held for the run.
 */
function readTwiceFetchOnce(read: ReadBytes): ReadBytes {
  const kept = new Map<string, Promise<Uint8Array>>();
  return (file) => {
    const first = kept.get(file);
    if (first) {
      kept.delete(file);
      return first;
    }
    const bytes = read(file);
    kept.set(file, bytes);
    return bytes;
  };
}

/** The --config value that infers the config from the samples. */
export const AUTO = 'auto';
/** Where a run with --config auto keeps the config it inferred. */
const AUTO_CONFIG_FILE = 'config.json';

/**
 * Reads sample files for inference, named by their base names and
 * decoded from their own encoding.
 * @throws FleetmockerError from the reader, naming the file; SampleError
 *   for a binary, compressed or wrongly encoded file.
 */
export async function readSampleTexts(
  files: FileArgument[],
  readBytes: ReadBytes,
  encoding?: Encoding,
): Promise<SampleText[]> {
  const samples: SampleText[] = [];
  for (const file of files) {
    const name = path.posix.basename(file.path.replace(/\\/g, '/'));
    const { text } = sniffSample(await readBytes(file.path), name, {
      encoding,
      encodingSource: '--encoding',
    });
    samples.push({ name, text, ...(file.role ? { role: file.role } : {}) });
  }
  return samples;
}

/** Which written columns hold text, where formulas are neutralised. */
function textColumns(specs: FileSpec[], fileDay: FileDay): boolean[] {
  const spec = specs.find((s) => s.role === fileDay.role)!;
  const types = new Map(spec.columns.map((c) => [c.name, c.type]));
  return fileDay.header.map((name) => types.get(name) === 'text');
}

async function loadConfig(
  job: GenerateJob,
  deps: PipelineDeps,
  readBytes: ReadBytes,
): Promise<LoadedConfig & { text: string }> {
  const nameOrPath = job.config;
  if (nameOrPath === AUTO) {
    const samples = await readSampleTexts(job.files, readBytes, job.encoding);
    const text = inferConfigText(samples, AUTO);
    return { ...parseConfig(text, AUTO), text };
  }
  if (isConfigPath(nameOrPath)) {
    const text = await deps.readText(nameOrPath).catch((cause: unknown) => {
      const { message } = describeError(cause);
      throw new FleetmockerError(
        'E_CONFIG',
        `--config ${nameOrPath}: ${message.replace(`${nameOrPath}: `, '')}`,
        { cause },
      );
    });
    return { ...parseConfig(text, nameOrPath), text };
  }
  const dir = deps.configDir ?? path.join(projectRoot(), 'configs');
  const file = path.join(dir, `${nameOrPath}.json`);
  const text = await deps.readText(file).catch((cause: unknown) => {
    throw new FleetmockerError(
      'E_CONFIG',
      `--config: unknown config "${nameOrPath}", expected a bundled name (performance, daily_reports) or a path to a JSON file`,
      { cause },
    );
  });
  return { ...parseConfig(text, nameOrPath), text };
}

/**
 * Gives each sample its role: the role named with `file:role`, else the
 * role whose pattern matches the file's name. Every role needs one file.
 * @throws SampleError naming the file or the role that is unmatched.
 */
async function readSamples(
  job: GenerateJob,
  specs: FileSpec[],
  readBytes: ReadBytes,
): Promise<{ samples: Map<string, Sample>; bytes: number }> {
  const assigned = new Map<string, string>();
  for (const file of job.files) {
    const base = path.posix.basename(file.path.replace(/\\/g, '/'));
    const spec = file.role
      ? specs.find((s) => s.role === file.role)
      : specs.find((s) => new RegExp(s.match).test(base));
    if (!spec) {
      const expected = file.role
        ? `a role of the config (${specs.map((s) => s.role).join(', ')})`
        : `a name matching one of ${specs.map((s) => `/${s.match}/ (${s.role})`).join(', ')}`;
      throw new SampleError(
        `${file.path}: matches no file of the config, expected ${expected}`,
      );
    }
    if (assigned.has(spec.role)) {
      throw new SampleError(
        `${file.path}: a second sample for role "${spec.role}", already given ${assigned.get(spec.role)}`,
      );
    }
    assigned.set(spec.role, file.path);
  }
  const missing = specs.filter((s) => !assigned.has(s.role));
  if (missing.length) {
    throw new SampleError(
      `--files: no sample for role "${missing[0].role}", expected a file matching /${missing[0].match}/`,
    );
  }
  const samples = new Map<string, Sample>();
  let bytes = 0;
  for (const spec of specs) {
    const file = assigned.get(spec.role)!;
    const input = await readBytes(file);
    bytes += input.byteLength;
    samples.set(
      spec.role,
      readSample(input, file, spec, { encoding: job.encoding }),
    );
  }
  return { samples, bytes };
}

function jobArguments(job: GenerateJob): Record<string, unknown> {
  return {
    files: job.files.map((f) => (f.role ? `${f.path}:${f.role}` : f.path)),
    config: job.config,
    data_size: job.dataSize,
    // As --date_range takes it, so a run can be repeated from its record.
    date_range: [job.days[0], job.days[job.days.length - 1]]
      .map((t) => formatDateTime(t, 'MM-DD-YY'))
      .join(':'),
    store: job.store,
    seed: job.seed,
    seed_drawn: job.seedDrawn,
    ...(job.encoding ? { encoding: job.encoding } : {}),
    ...(job.neutraliseFormulas ? { neutralise_formulas: true } : {}),
  };
}

function displayArguments(job: GenerateJob): Record<string, string> {
  return Object.fromEntries(
    Object.entries(jobArguments(job)).map(([k, v]) => [
      k,
      Array.isArray(v) ? v.join(' ') : String(v),
    ]),
  );
}
