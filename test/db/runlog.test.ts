import type { Pool } from 'pg';
import { openDatabase } from '../../src/db/pool';
import type { Database } from '../../src/db/pool';
import { PgRunLog, formatRuns, listRecentRuns } from '../../src/db/runlog';
import type { RunSummary } from '../../src/db/runlog';
import type { RunStart, StageName, StageTiming } from '../../src/db/types';
import { BACKENDS } from './backends';
import type { Scratch } from './backends';

const at = (iso: string) => new Date(iso);

function start(runId: string, startedAt: string): RunStart {
  return {
    runId,
    startedAt: at(startedAt),
    args: { config: 'perform', days: ['2020-09-11'], rows: 500, dry: false },
    seed: `seed-${runId}`,
    configName: 'perform',
    configHash: 'sha256:4f1c',
  };
}

const STAGES: StageTiming[] = (
  ['read', 'profile', 'generate', 'write', 'report'] as StageName[]
).map((stage, i) => ({
  stage,
  startedAt: at(`2026-03-01T08:00:0${i + 1}.250Z`),
  durationMs: 10.5 * (i + 1),
  rows: 1000 * (i + 1),
  bytes: 2 ** 33 + i,
}));

async function truncate(pool: Pool): Promise<void> {
  await pool.query('TRUNCATE runs, run_stages, run_events');
}

describe.each(BACKENDS)('run log on $name', (backend) => {
  let scratch: Scratch | undefined;
  let db: Database | undefined;
  let pool: Pool;
  let log: PgRunLog;

  beforeAll(async () => {
    scratch = await backend.createScratch();
    db = await openDatabase(scratch.env, scratch.options);
    pool = db.pool;
    log = new PgRunLog(pool);
  });

  afterAll(async () => {
    await db?.close();
    await scratch?.dispose();
  });

  beforeEach(() => truncate(pool));

  describe('PgRunLog', () => {
    it('reads back a succeeded run with its stages and events', async () => {
      const run = start('run-ok', '2026-03-01T08:00:00.125Z');

      await log.startRun(run);
      for (const timing of STAGES) await log.recordStage(run.runId, timing);
      await log.recordEvent(run.runId, {
        level: 'info',
        message: 'read sample',
        time: at('2026-03-01T08:00:01.300Z'),
        stage: 'read',
        data: { file: 'PERFORM_20200911.csv', rows: 4333, columns: ['a'] },
      });
      await log.recordEvent(run.runId, {
        level: 'warn',
        message: 'column speed has no values',
        time: at('2026-03-01T08:00:02.000Z'),
      });
      await log.finishRun(run.runId, {
        finishedAt: at('2026-03-01T08:00:09.875Z'),
        status: 'succeeded',
        totalRows: 15000,
        totalBytes: 2 ** 34,
      });
      const [read] = await listRecentRuns(pool, 10);
      const events = await pool.query(
        `SELECT run_id, time, level, stage, message, data
           FROM run_events ORDER BY id`,
      );

      expect(read).toEqual<RunSummary>({
        runId: 'run-ok',
        startedAt: at('2026-03-01T08:00:00.125Z'),
        finishedAt: at('2026-03-01T08:00:09.875Z'),
        status: 'succeeded',
        args: run.args,
        seed: 'seed-run-ok',
        configName: 'perform',
        configHash: 'sha256:4f1c',
        totalRows: 15000,
        totalBytes: 17179869184,
        error: null,
        stages: STAGES,
      });
      expect(events.rows).toEqual([
        {
          run_id: 'run-ok',
          time: at('2026-03-01T08:00:01.300Z'),
          level: 'info',
          stage: 'read',
          message: 'read sample',
          data: { file: 'PERFORM_20200911.csv', rows: 4333, columns: ['a'] },
        },
        {
          run_id: 'run-ok',
          time: at('2026-03-01T08:00:02.000Z'),
          level: 'warn',
          stage: null,
          message: 'column speed has no values',
          data: null,
        },
      ]);
    });

    it('records a failed run with its error code and message', async () => {
      const run = start('run-bad', '2026-03-02T10:00:00.000Z');

      await log.startRun(run);
      await log.recordStage(run.runId, STAGES[0]);
      await log.finishRun(run.runId, {
        finishedAt: at('2026-03-02T10:00:00.750Z'),
        status: 'failed',
        totalRows: 0,
        totalBytes: 0,
        error: { code: 'E_SAMPLE', message: 'PERFORM.csv: no header row' },
      });
      const [read] = await listRecentRuns(pool, 1);

      expect(read).toMatchObject({
        runId: 'run-bad',
        status: 'failed',
        finishedAt: at('2026-03-02T10:00:00.750Z'),
        totalRows: 0,
        totalBytes: 0,
        error: { code: 'E_SAMPLE', message: 'PERFORM.csv: no header row' },
        stages: [STAGES[0]],
      });
    });

    it('shows a run that has not finished as running', async () => {
      await log.startRun(start('run-open', '2026-03-03T00:00:00.000Z'));

      const [read] = await listRecentRuns(pool, 1);

      expect(read).toMatchObject({
        status: 'running',
        finishedAt: null,
        totalRows: null,
        totalBytes: null,
        error: null,
        stages: [],
      });
    });

    it('refuses a second run with the same id', async () => {
      await log.startRun(start('run-twice', '2026-03-03T00:00:00.000Z'));

      const again = log.startRun(start('run-twice', '2026-03-03T00:30:00Z'));

      await expect(again).rejects.toMatchObject({
        code: 'E_DB',
        message: expect.stringMatching(
          /^could not start run run-twice: a run with that id has succeeded or is still running/,
        ),
      });
    });

    it('takes over a run left running for more than an hour', async () => {
      await log.startRun(start('run-killed', '2026-03-03T00:00:00.000Z'));

      await log.startRun(start('run-killed', '2026-03-03T01:00:01.000Z'));

      const [run] = (await listRecentRuns(pool, 50)).filter(
        (r) => r.runId === 'run-killed',
      );
      expect(run.startedAt.toISOString()).toBe('2026-03-03T01:00:01.000Z');
    });

    it('starts a failed run again under the same id', async () => {
      await log.startRun(start('run-retry', '2026-03-03T00:00:00.000Z'));
      await log.finishRun('run-retry', {
        finishedAt: new Date('2026-03-03T00:01:00Z'),
        status: 'failed',
        totalRows: 0,
        totalBytes: 0,
        error: { code: 'E_STORE', message: 'upload failed' },
      });

      await log.startRun(start('run-retry', '2026-03-04T00:00:00.000Z'));

      const [run] = (await listRecentRuns(pool, 50)).filter(
        (r) => r.runId === 'run-retry',
      );
      expect(run).toMatchObject({ status: 'running', error: null });
      expect(run.startedAt.toISOString()).toBe('2026-03-04T00:00:00.000Z');
    });

    it('refuses to finish a run twice', async () => {
      const finish = {
        finishedAt: at('2026-03-03T00:00:01.000Z'),
        status: 'succeeded' as const,
        totalRows: 1,
        totalBytes: 1,
      };
      await log.startRun(start('run-done', '2026-03-03T00:00:00.000Z'));
      await log.finishRun('run-done', finish);

      const again = log.finishRun('run-done', finish);

      await expect(again).rejects.toMatchObject({
        code: 'E_DB',
        message: 'could not finish run run-done: no running run has that id',
      });
    });

    it('refuses a stage of a run that was never started', async () => {
      const orphan = log.recordStage('run-missing', STAGES[2]);

      await expect(orphan).rejects.toMatchObject({
        code: 'E_DB',
        message: expect.stringMatching(
          /^could not record stage generate of run run-missing: .*foreign key/,
        ),
      });
    });
  });

  describe('listRecentRuns', () => {
    beforeEach(async () => {
      // Started out of insertion order; two share a start time.
      const starts: [string, string][] = [
        ['run-b', '2026-04-02T00:00:00.000Z'],
        ['run-d', '2026-04-04T00:00:00.000Z'],
        ['run-a', '2026-04-01T00:00:00.000Z'],
        ['run-c1', '2026-04-03T00:00:00.000Z'],
        ['run-c2', '2026-04-03T00:00:00.000Z'],
      ];
      for (const [runId, startedAt] of starts) {
        await log.startRun(start(runId, startedAt));
      }
    });

    it('lists the newest runs first, up to the limit', async () => {
      const runs = await listRecentRuns(pool, 3);

      expect(runs.map((run) => run.runId)).toEqual([
        'run-d',
        'run-c2',
        'run-c1',
      ]);
    });

    it('lists every run when the limit exceeds them', async () => {
      const runs = await listRecentRuns(pool, 50);

      expect(runs.map((run) => run.runId)).toEqual([
        'run-d',
        'run-c2',
        'run-c1',
        'run-b',
        'run-a',
      ]);
    });

    it('attaches each run its own stages only', async () => {
      await log.recordStage('run-a', STAGES[0]);
      await log.recordStage('run-d', STAGES[3]);
      await log.recordStage('run-d', STAGES[1]);

      const runs = await listRecentRuns(pool, 50);
      const stagesOf = (id: string) =>
        runs.find((run) => run.runId === id)?.stages.map((t) => t.stage);

      expect(stagesOf('run-d')).toEqual(['profile', 'write']);
      expect(stagesOf('run-a')).toEqual(['read']);
      expect(stagesOf('run-b')).toEqual([]);
    });

    it('returns nothing from an empty log', async () => {
      await truncate(pool);

      expect(await listRecentRuns(pool, 5)).toEqual([]);
    });

    it('rejects a limit below 1', async () => {
      await expect(listRecentRuns(pool, 0)).rejects.toMatchObject({
        code: 'E_ARGS',
        message:
          'the number of runs to list must be a whole number of at least 1, ' +
          'found 0',
      });
    });
  });

  describe('formatRuns', () => {
    it('prints runs read back from the database', async () => {
      await log.startRun(start('run-f', '2026-05-01T12:30:00.000Z'));
      for (const timing of STAGES) await log.recordStage('run-f', timing);
      await log.finishRun('run-f', {
        finishedAt: at('2026-05-01T12:30:04.560Z'),
        status: 'failed',
        totalRows: 1500,
        totalBytes: 42,
        error: { code: 'E_STORE', message: 'bucket not found' },
      });

      const text = formatRuns(await listRecentRuns(pool, 5));

      expect(text).toBe(
        [
          'RUN ID  STARTED (UTC)        STATUS  CONFIG   ROWS  SECONDS' +
            '  READ MS  PROFILE MS  GENERATE MS  WRITE MS  REPORT MS',
          'run-f   2026-05-01 12:30:00  failed  perform  1500      4.6' +
            '       11          21           32        42         53',
          '',
          'Errors:',
          'run-f: E_STORE bucket not found',
        ].join('\n'),
      );
    });
  });
});
