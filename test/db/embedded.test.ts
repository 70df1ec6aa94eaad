import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'pg';
import { startEmbedded } from '../../src/db/embedded';
import { temporaryFolder } from './backends';

// One folder for the suite: creating a PGlite database takes seconds, and
// reopening it well under one. Each test stops what it starts.
describe('startEmbedded', () => {
  let folder: { path: string; remove(): Promise<void> };
  let dataDir: string;

  beforeAll(async () => {
    folder = await temporaryFolder();
    dataDir = join(folder.path, 'pgdata');
  });

  afterAll(() => folder.remove());

  it('serves the folder to pg and frees it on stop', async () => {
    const server = await startEmbedded(dataDir, { maxConnections: 3 });
    const pool = new Pool({ ...server.config, max: 2 });
    const both = await Promise.all([
      pool.query('SELECT 1 AS n'),
      pool.query('SELECT 2 AS n'),
    ]);
    await pool.end();
    const lockedWhileOpen = existsSync(`${dataDir}.lock`);
    await server.stop();
    await server.stop();

    expect(server.config.host).toBe('127.0.0.1');
    expect(server.config.port).toBeGreaterThan(0);
    expect(both.map((result) => result.rows[0].n)).toEqual([1, 2]);
    expect(lockedWhileOpen).toBe(true);
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
  });

  it('refuses a folder another open database holds', async () => {
    const holder = await startEmbedded(dataDir, { maxConnections: 1 });
    try {
      const second = startEmbedded(dataDir, { maxConnections: 1 });

      await expect(second).rejects.toMatchObject({
        code: 'E_DB',
        message:
          `the embedded database in ${dataDir} is in use by process ` +
          `${process.pid}; wait for it to finish, or set PGHOST to use a ` +
          `PostgreSQL server`,
      });
    } finally {
      await holder.stop();
    }
    const reopened = await startEmbedded(dataDir, { maxConnections: 1 });
    await reopened.stop();
  });

  it('takes over a lock left by a process that died', async () => {
    const gone = spawnSync(process.execPath, ['-e', 'process.pid']);
    writeFileSync(`${dataDir}.lock`, `${gone.pid}\n`);

    const server = await startEmbedded(dataDir, { maxConnections: 1 });
    await server.stop();

    expect(existsSync(`${dataDir}.lock`)).toBe(false);
  });

  it('names the folder when it cannot be created', async () => {
    const blocker = join(folder.path, 'file');
    writeFileSync(blocker, '');
    const inside = join(blocker, 'pgdata');

    const opening = startEmbedded(inside, { maxConnections: 1 });

    await expect(opening).rejects.toMatchObject({
      code: 'E_DB',
      message: expect.stringMatching(
        new RegExp(`^could not lock the embedded database in ${inside}: `),
      ),
    });
  });
});
