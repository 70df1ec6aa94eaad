// The databases the db tests run against: the embedded PGlite always, and a
// real PostgreSQL server when PGHOST is set. In CI the server is required,
// so a missing PGHOST fails the suite instead of quietly skipping it.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { resolveConnection } from '../../src/db/connection';
import { startEmbedded } from '../../src/db/embedded';
import type { OpenOptions } from '../../src/db/pool';
import type { Env } from '../../src/env';

/** A fresh, empty database for one test suite. */
export interface Scratch {
  /** What makes openDatabase use this database. */
  env: Env;
  options: OpenOptions;
  /** A pool on this database that has not been migrated. */
  rawPool(): Promise<{ pool: Pool; close(): Promise<void> }>;
  /** Removes the database (folder or schema). */
  dispose(): Promise<void>;
}

export interface Backend {
  name: string;
  createScratch(): Promise<Scratch>;
}

export async function temporaryFolder(): Promise<{
  path: string;
  remove(): Promise<void>;
}> {
  const path = await mkdtemp(join(tmpdir(), 'fleetmocker-db-'));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

const embedded: Backend = {
  name: 'embedded PGlite',
  async createScratch() {
    const folder = await temporaryFolder();
    const dataDir = join(folder.path, 'pgdata');
    return {
      env: {},
      options: { embeddedDir: dataDir, allowEmbedded: true },
      async rawPool() {
        const server = await startEmbedded(dataDir, { maxConnections: 4 });
        const pool = new Pool({ ...server.config, max: 2 });
        return {
          pool,
          async close() {
            await pool.end();
            await server.stop();
          },
        };
      },
      dispose: folder.remove,
    };
  },
};

// Each suite gets its own schema, named first on the search_path through
// PGOPTIONS, so suites never see each other's rows and reruns start empty.
const server: Backend = {
  name: 'PostgreSQL server',
  async createScratch() {
    if (!process.env.PGHOST) {
      throw new Error(
        'CI=true but PGHOST is not set: the real PostgreSQL suite must run ' +
          'in CI (see .ci/run)',
      );
    }
    const target = resolveConnection(process.env, {
      embeddedDir: 'unused',
      allowEmbedded: false,
    });
    if (target.kind !== 'server') throw new Error('expected a server target');
    const { kind: _kind, ...config } = target;
    const schema = `fm_test_${randomBytes(6).toString('hex')}`;
    const options = `-c search_path=${schema}`;

    const admin = new Pool({ ...config, max: 1 });
    await admin.query(`CREATE SCHEMA ${schema}`);
    return {
      env: { ...process.env, PGOPTIONS: options },
      options: { embeddedDir: 'unused', allowEmbedded: false },
      async rawPool() {
        const pool = new Pool({ ...config, options, max: 2 });
        return { pool, close: () => pool.end() };
      },
      async dispose() {
        await admin.query(`DROP SCHEMA ${schema} CASCADE`);
        await admin.end();
      },
    };
  },
};

const serverWanted = Boolean(process.env.PGHOST) || process.env.CI === 'true';

export const BACKENDS: readonly Backend[] = serverWanted
  ? [embedded, server]
  : [embedded];
