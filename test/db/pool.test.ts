import { createServer } from 'node:net';
import { describeTarget, resolveConnection } from '../../src/db/connection';
import { openDatabase } from '../../src/db/pool';
import { PgRunLog } from '../../src/db/runlog';
import { BACKENDS } from './backends';
import type { Scratch } from './backends';

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise((done) => server.close(done));
  if (address === null || typeof address === 'string') {
    throw new Error(`expected a TCP address, found ${address}`);
  }
  return address.port;
}

describe.each(BACKENDS)('openDatabase on $name', (backend) => {
  let scratch: Scratch | undefined;

  beforeAll(async () => {
    scratch = await backend.createScratch();
  });

  afterAll(() => scratch?.dispose());

  it('migrates and shares one pool until the last handle closes', async () => {
    if (scratch === undefined) throw new Error('no scratch database');

    const first = await openDatabase(scratch.env, scratch.options);
    const second = await openDatabase(scratch.env, scratch.options);
    const applied = await first.pool.query(
      'SELECT name FROM schema_migrations',
    );
    await first.close();
    await first.close();
    const stillOpen = await second.pool.query('SELECT 1 AS one');
    await second.close();

    expect(second.pool).toBe(first.pool);
    expect(applied.rows).toEqual([{ name: '001_init' }]);
    expect(stillOpen.rows).toEqual([{ one: 1 }]);
    await expect(first.pool.query('SELECT 1')).rejects.toThrow(
      /after calling end on the pool/,
    );
  });

  it('keeps what was written when opened again', async () => {
    if (scratch === undefined) throw new Error('no scratch database');
    const first = await openDatabase(scratch.env, scratch.options);
    await new PgRunLog(first.pool).startRun({
      runId: 'run-kept',
      startedAt: new Date('2026-06-01T00:00:00.000Z'),
      args: {},
      seed: '1',
      configName: 'perform',
      configHash: 'h',
    });
    await first.close();

    const again = await openDatabase(scratch.env, scratch.options);
    const runs = await again.pool.query('SELECT run_id FROM runs');
    await again.close();

    expect(runs.rows).toEqual([{ run_id: 'run-kept' }]);
  });

  it('refuses a second place while the first is open', async () => {
    if (scratch === undefined) throw new Error('no scratch database');
    const first = describeTarget(
      resolveConnection(scratch.env, scratch.options),
    );
    const open = await openDatabase(scratch.env, scratch.options);
    try {
      const elsewhere = { embeddedDir: '/tmp/elsewhere', allowEmbedded: true };

      const other = openDatabase({}, elsewhere);

      await expect(other).rejects.toMatchObject({
        code: 'E_DB',
        message:
          `the run log is already open at ${first}; close it before ` +
          'opening embedded:/tmp/elsewhere',
      });
    } finally {
      await open.close();
    }
  });
});

describe('openDatabase', () => {
  it('names host, port and database when nothing listens', async () => {
    const port = await closedPort();
    const env = {
      PGHOST: '127.0.0.1',
      PGPORT: String(port),
      PGUSER: 'fleet',
      PGDATABASE: 'runs',
    };

    const opening = openDatabase(env, {
      embeddedDir: 'unused',
      allowEmbedded: false,
    });

    await expect(opening).rejects.toMatchObject({
      code: 'E_DB',
      message:
        `could not connect to PostgreSQL at 127.0.0.1:${port}/runs: ` +
        `connect ECONNREFUSED 127.0.0.1:${port}`,
    });
  });

  it('requires PGHOST when embedded is not allowed', async () => {
    const opening = openDatabase(
      {},
      { embeddedDir: 'unused', allowEmbedded: false },
    );

    await expect(opening).rejects.toMatchObject({ code: 'E_ENV' });
  });

  it('rejects a PGPOOL_MAX of 0', async () => {
    const opening = openDatabase(
      { PGPOOL_MAX: '0' },
      { embeddedDir: 'unused', allowEmbedded: true },
    );

    await expect(opening).rejects.toMatchObject({
      code: 'E_ENV',
      message: 'PGPOOL_MAX must be at least 1, found 0',
    });
  });
});
