/** What the pipeline tells the run log; Postgres is one implementation. */

export type StageName = 'read' | 'profile' | 'generate' | 'write' | 'report';

export interface RunStart {
  runId: string;
  startedAt: Date;
  /** The validated job, as given: arguments, files, range, store. */
  args: Record<string, unknown>;
  seed: string;
  configName: string;
  configHash: string;
}

export interface StageTiming {
  stage: StageName;
  startedAt: Date;
  durationMs: number;
  rows: number;
  bytes: number;
}

export interface LogEvent {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  time: Date;
  stage?: StageName;
  data?: Record<string, unknown>;
}

export interface RunFinish {
  finishedAt: Date;
  status: 'succeeded' | 'failed';
  totalRows: number;
  totalBytes: number;
  /** Code and one-line message when the run failed. */
  error?: { code: string; message: string };
}

export interface RunLog {
  startRun(run: RunStart): Promise<void>;
  recordStage(runId: string, timing: StageTiming): Promise<void>;
  recordEvent(runId: string, event: LogEvent): Promise<void>;
  finishRun(runId: string, finish: RunFinish): Promise<void>;
}
