import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { BACKENDS, type Scratch } from './db/backends';
import { fleetmocker, requireBuiltCli } from './support/cli';
import { INCIDENT, SUMMARY, tempDir } from './support/job';

beforeAll(requireBuiltCli);

describe.each(BACKENDS)('fleetmocker CLI with $name', (backend) => {
  let scratch: Scratch;
  let env: NodeJS.ProcessEnv;
  const cwd = tempDir('fleetmocker-cli-');

  beforeAll(async () => {
    scratch = await backend.createScratch();
    env = { ...scratch.env };
    if (scratch.options.allowEmbedded) {
      env.FLEETMOCKER_PGDATA = scratch.options.embeddedDir;
    }
  });

  afterAll(async () => {
    await scratch.dispose();
  });

  it('generates a dataset and logs the run with its stage timings', async () => {
    const run = fleetmocker(
      [
        '--files',
        INCIDENT,
        SUMMARY,
        '--config',
        'daily_reports',
        '--data_size',
        '400',
        '--date_range',
        '10-13-22:10-14-22',
        '--seed',
        '5',
      ],
      env,
      cwd,
    );
    expect(run.stderr).not.toContain('[E_');
    expect(run.code).toBe(0);
    const runId = /^run (\S+) \(seed 5, 2022-10-13 to 2022-10-14\)$/m.exec(
      run.stdout,
    )?.[1];
    expect(runId).toBeDefined();
    expect(run.stdout).toContain('incident: 400 rows in 2 files');
    const report = /^report: +(.+)$/m.exec(run.stdout)![1];
    expect(existsSync(report)).toBe(true);
    expect(readdirSync(path.join(cwd, 'mocks'))).toEqual([runId]);

    const { pool, close } = await scratch.rawPool();
    try {
      const runs = await pool.query(
        'SELECT status, seed, config_name, total_rows FROM runs WHERE run_id = $1',
        [runId],
      );
      expect(runs.rows).toEqual([
        {
          status: 'succeeded',
          seed: '5',
          config_name: 'daily_reports',
          total_rows: expect.anything(),
        },
      ]);
      const incidentRows = 400;
      expect(Number(runs.rows[0].total_rows)).toBeGreaterThan(incidentRows);
      const stages = await pool.query(
        'SELECT stage, rows, bytes FROM run_stages WHERE run_id = $1 ORDER BY id',
        [runId],
      );
      expect(stages.rows.map((r) => r.stage)).toEqual([
        'read',
        'profile',
        'generate',
        'write',
        'report',
      ]);
      expect(Number(stages.rows[0].rows)).toBe(789 + 287);
      expect(Number(stages.rows[3].bytes)).toBeGreaterThan(0);
      const events = await pool.query(
        'SELECT message FROM run_events WHERE run_id = $1 ORDER BY id',
        [runId],
      );
      expect(events.rows.map((r) => r.message)).toEqual([
        'read finished',
        'profile finished',
        'generate finished',
        'write finished',
        'report finished',
      ]);
    } finally {
      await close();
    }

    const listed = fleetmocker(['runs', '--limit', '5'], env, cwd);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(runId!);
  });

  it('logs a failed run and exits non-zero with one line', async () => {
    const bad = path.join(tempDir(), 'PERFORM_20200911.csv');
    writeFileSync(bad, 'UNIQKEY,STATUS\n1,0\n');
    const run = fleetmocker(
      [
        '--files',
        bad,
        '--config',
        'performance',
        '--seed',
        '9',
        '--store',
        'failed',
      ],
      env,
      cwd,
    );
    expect(run.code).toBe(65);
    const errors = run.stderr
      .split('\n')
      .filter((l) => l.includes('[E_SAMPLE]'));
    expect(errors).toEqual([
      `fleetmocker: ${bad}: missing column "INSERT_DATETIME" that config file "perform" declares [E_SAMPLE]`,
    ]);
    expect(existsSync(path.join(cwd, 'failed'))).toBe(false);
    const { pool, close } = await scratch.rawPool();
    try {
      const failed = await pool.query(
        "SELECT error_code FROM runs WHERE status = 'failed' AND seed = '9'",
      );
      expect(failed.rows).toEqual([{ error_code: 'E_SAMPLE' }]);
    } finally {
      await close();
    }
  });

  it('refuses a gzip file named .csv in one line, not a stack trace', () => {
    const packed = path.join(tempDir(), 'PERFORM_20200911.csv');
    writeFileSync(packed, gzipSync('UNIQKEY,STATUS\n1,0\n'));
    const run = fleetmocker(
      ['--files', packed, '--config', 'performance', '--store', 'packed'],
      env,
      cwd,
    );
    expect(run.code).toBe(65);
    expect(run.stderr.trim().split('\n').pop()).toBe(
      `fleetmocker: ${packed}: looks like a gzip-compressed file, expected CSV text (decompress it first) [E_SAMPLE]`,
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('fleetmocker --help from the built CLI', () => {
  it('wraps its descriptions between words', () => {
    const { code, stdout } = fleetmocker(['--help'], {}, tempDir('help-'));
    const words = (line: string) => line.trim().split(/\s+/);

    expect(code).toBe(0);
    // Every word of a wrapped description is a whole word of its source.
    const described = stdout
      .split('\n')
      .filter((l) => l.startsWith('   '))
      .flatMap(words);
    expect(described).toEqual(
      expect.arrayContaining(['spreadsheets', 'infer', 'it']),
    );
    expect(stdout).toMatch(
      /fleetmocker runs \[--limit N\] +list recent runs and their timings\n/,
    );
    expect(stdout).toMatch(/or auto to\n +infer one +\[string\]\n/);
  });
});
