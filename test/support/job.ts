import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs, type GenerateJob } from '../../src/args';
import type { RunLog, StageTiming } from '../../src/db/types';
import { runJob, type RunResult } from '../../src/pipeline';
import {
  LocalStore,
  readLocalBytes,
  readLocalText,
} from '../../src/store/local';

export const ROOT = path.resolve(__dirname, '../..');
export const PERFORM = path.join(ROOT, 'fixtures/PERFORM_20200911.csv');
export const INCIDENT = path.join(
  ROOT,
  'fixtures/SG_20200609_DAILY_DRIVER_INCIDENT.csv',
);
export const SUMMARY = path.join(
  ROOT,
  'fixtures/SG_20200609_DAILY_DRIVER_SUMMARY.csv',
);

/** A fixed clock for parsing: "today" is 2026-12-03. */
export const NOW = new Date('2026-12-03T12:00:00Z');

export function tempDir(prefix = 'fleetmocker-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** Parses words as the CLI would, with a fixed clock and seed source. */
export async function jobOf(words: string[]): Promise<GenerateJob> {
  const command = await parseArgs(words, { now: NOW, drawSeed: () => '1' });
  if (command.command !== 'generate') throw new Error('expected a job');
  return command;
}

/** Keeps what a run logs, for tests that do not need a database. */
export class RecordingRunLog implements RunLog {
  readonly stages: StageTiming[] = [];
  status = '';
  async startRun() {
    this.status = 'running';
  }
  async recordStage(_: string, timing: StageTiming) {
    this.stages.push(timing);
  }
  async recordEvent() {}
  async finishRun(_: string, finish: { status: string }) {
    this.status = finish.status;
  }
}

let counter = 0;

/** Runs a job into a fresh temp store. */
export async function runInTemp(
  words: string[],
  store = tempDir(),
  signal?: AbortSignal,
): Promise<{ result: RunResult; store: string; log: RecordingRunLog }> {
  const job = await jobOf([...words, '--store', store]);
  const log = new RecordingRunLog();
  const result = await runJob(job, {
    store: new LocalStore(store),
    readText: readLocalText,
    readBytes: readLocalBytes,
    runLog: log,
    runId: `test-run-${++counter}`,
    clock: () => new Date(),
    toolVersion: 'test',
    signal,
  });
  return { result, store, log };
}

/** How much a test run generates, and from which seed. */
export interface RunSize {
  rows: number;
  range: string;
  seed: string;
}

/** Runs a config on samples over a range, into a fresh temp store. */
export function runConfig(
  files: string[],
  config: string,
  size: RunSize,
): ReturnType<typeof runInTemp> {
  return runInTemp([
    '--files',
    ...files,
    '--config',
    config,
    '--data_size',
    String(size.rows),
    '--date_range',
    size.range,
    '--seed',
    size.seed,
  ]);
}

/** Runs `--config auto` on samples over a range, into a fresh temp store. */
export function runAuto(
  files: string[],
  size: RunSize,
): ReturnType<typeof runInTemp> {
  return runConfig(files, 'auto', size);
}
