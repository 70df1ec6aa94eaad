import type { Pool } from 'pg';
import { ArgumentError, DatabaseError } from '../errors';
import { describeCause } from './cause';
import type {
  LogEvent,
  RunFinish,
  RunLog,
  RunStart,
  StageName,
  StageTiming,
} from './types';

export { formatRuns } from './format-runs';

/** A run as `fleetmocker runs` shows it, with its stage timings. */
export interface RunSummary {
  runId: string;
  startedAt: Date;
  /** Null while the run is still going (or died without finishing). */
  finishedAt: Date | null;
  status: 'running' | 'succeeded' | 'failed';
  args: Record<string, unknown>;
  seed: string;
  configName: string;
  configHash: string;
  totalRows: number | null;
  totalBytes: number | null;
  error: { code: string; message: string } | null;
  /** In the order the stages started. */
  stages: StageTiming[];
}

/**
 * The run log in PostgreSQL (a server or the embedded one). Each call is one
 * parameterised statement on the shared pool, so records from concurrent
 * runs interleave safely.
 */
export class PgRunLog implements RunLog {
  constructor(private readonly pool: Pool) {}

  /**
   * @throws DatabaseError when the run id is taken by a run that has not
   *   failed, or the insert fails.
   */
  async startRun(run: RunStart): Promise<void> {
    // A failed run may be started again under its id: runs started by an
    // S3 upload take their id from the objects, and a retried delivery
    // must log to the same run. So may a run left "running" for over an
    // hour, longer than Lambda lets a function live: its process was
    // killed before it could say so. Earlier stages stay as a record.
    const started = await this.write(
      `start run ${run.runId}`,
      `INSERT INTO runs
         (run_id, started_at, status, args, seed, config_name, config_hash)
       VALUES ($1, $2, 'running', $3, $4, $5, $6)
       ON CONFLICT (run_id) DO UPDATE SET
         started_at = EXCLUDED.started_at, status = 'running',
         args = EXCLUDED.args, seed = EXCLUDED.seed,
         config_name = EXCLUDED.config_name,
         config_hash = EXCLUDED.config_hash, finished_at = NULL,
         total_rows = NULL, total_bytes = NULL,
         error_code = NULL, error_message = NULL
       WHERE runs.status = 'failed'
          OR (runs.status = 'running'
              AND runs.started_at < EXCLUDED.started_at - interval '1 hour')`,
      [
        run.runId,
        run.startedAt,
        // pg would send a JavaScript array as a Postgres array, not JSON.
        JSON.stringify(run.args),
        run.seed,
        run.configName,
        run.configHash,
      ],
    );
    if (started === 0) {
      throw new DatabaseError(
        `could not start run ${run.runId}: a run with that id has ` +
          `succeeded or is still running`,
      );
    }
  }

  /** @throws DatabaseError when the run is unknown or the insert fails. */
  async recordStage(runId: string, timing: StageTiming): Promise<void> {
    await this.write(
      `record stage ${timing.stage} of run ${runId}`,
      `INSERT INTO run_stages
         (run_id, stage, started_at, duration_ms, rows, bytes)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        runId,
        timing.stage,
        timing.startedAt,
        timing.durationMs,
        timing.rows,
        timing.bytes,
      ],
    );
  }

  /** @throws DatabaseError when the run is unknown or the insert fails. */
  async recordEvent(runId: string, event: LogEvent): Promise<void> {
    await this.write(
      `record an event of run ${runId}`,
      `INSERT INTO run_events (run_id, time, level, stage, message, data)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        runId,
        event.time,
        event.level,
        event.stage ?? null,
        event.message,
        event.data === undefined ? null : JSON.stringify(event.data),
      ],
    );
  }

  /**
   * @throws DatabaseError when the run is unknown or already finished, or
   *   the update fails.
   */
  async finishRun(runId: string, finish: RunFinish): Promise<void> {
    const updated = await this.write(
      `finish run ${runId}`,
      `UPDATE runs
          SET finished_at = $2, status = $3, total_rows = $4,
              total_bytes = $5, error_code = $6, error_message = $7
        WHERE run_id = $1 AND status = 'running'`,
      [
        runId,
        finish.finishedAt,
        finish.status,
        finish.totalRows,
        finish.totalBytes,
        finish.error?.code ?? null,
        finish.error?.message ?? null,
      ],
    );
    if (updated === 0) {
      throw new DatabaseError(
        `could not finish run ${runId}: no running run has that id`,
      );
    }
  }

  private async write(
    what: string,
    sql: string,
    values: unknown[],
  ): Promise<number> {
    try {
      const result = await this.pool.query(sql, values);
      return result.rowCount ?? 0;
    } catch (error) {
      throw new DatabaseError(`could not ${what}: ${describeCause(error)}`, {
        cause: error,
      });
    }
  }
}

interface RunRow {
  run_id: string;
  started_at: Date;
  finished_at: Date | null;
  status: RunSummary['status'];
  args: Record<string, unknown>;
  seed: string;
  config_name: string;
  config_hash: string;
  total_rows: string | null;
  total_bytes: string | null;
  error_code: string | null;
  error_message: string | null;
}

interface StageRow {
  run_id: string;
  stage: StageName;
  started_at: Date;
  duration_ms: number;
  rows: string;
  bytes: string;
}

/**
 * The `limit` most recently started runs, newest first, each with its
 * stage timings.
 *
 * @throws ArgumentError when `limit` is not a whole number of at least 1.
 * @throws DatabaseError when a query fails.
 */
export async function listRecentRuns(
  pool: Pool,
  limit: number,
): Promise<RunSummary[]> {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new ArgumentError(
      `the number of runs to list must be a whole number of at least 1, ` +
        `found ${limit}`,
    );
  }

  try {
    const runs = await pool.query<RunRow>(
      `SELECT run_id, started_at, finished_at, status, args, seed,
              config_name, config_hash, total_rows, total_bytes,
              error_code, error_message
         FROM runs
        ORDER BY started_at DESC, run_id DESC
        LIMIT $1`,
      [limit],
    );
    if (runs.rows.length === 0) return [];

    const stages = await pool.query<StageRow>(
      `SELECT run_id, stage, started_at, duration_ms, rows, bytes
         FROM run_stages
        WHERE run_id = ANY($1)
        ORDER BY started_at, id`,
      [runs.rows.map((row) => row.run_id)],
    );
    return runs.rows.map((row) => toSummary(row, stages.rows));
  } catch (error) {
    throw new DatabaseError(`could not list runs: ${describeCause(error)}`, {
      cause: error,
    });
  }
}

// pg returns bigint columns as strings so large values keep their digits;
// row and byte counts stay far below 2^53, so numbers are exact.
function toSummary(row: RunRow, stages: StageRow[]): RunSummary {
  return {
    runId: row.run_id,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    status: row.status,
    args: row.args,
    seed: row.seed,
    configName: row.config_name,
    configHash: row.config_hash,
    totalRows: row.total_rows === null ? null : Number(row.total_rows),
    totalBytes: row.total_bytes === null ? null : Number(row.total_bytes),
    error:
      row.error_code === null
        ? null
        : { code: row.error_code, message: row.error_message ?? '' },
    stages: stages
      .filter((stage) => stage.run_id === row.run_id)
      .map((stage) => ({
        stage: stage.stage,
        startedAt: stage.started_at,
        durationMs: stage.duration_ms,
        rows: Number(stage.rows),
        bytes: Number(stage.bytes),
      })),
  };
}
