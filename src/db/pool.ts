import { Pool } from 'pg';
import type { PoolConfig } from 'pg';
import { optionalInteger } from '../env';
import type { Env } from '../env';
import { DatabaseError, EnvironmentError } from '../errors';
import { describeCause } from './cause';
import { describeTarget, resolveConnection } from './connection';
import type { ConnectionTarget, ResolveOptions } from './connection';
import type { startEmbedded as startEmbeddedType } from './embedded';
import { migrate } from './migrate';

/** The run log's database: a migrated pool and the way to let it go. */
export interface Database {
  pool: Pool;
  /** `host:port/database` (embedded: the loopback address and folder). */
  target: string;
  /**
   * Releases this handle. The pool ends, and an embedded server stops, when
   * the last handle of the process is closed. Calling it twice is harmless.
   */
  close(): Promise<void>;
}

export type OpenOptions = ResolveOptions;

/** Small on purpose: the run log writes one row at a time. */
const DEFAULT_POOL_MAX = 2;

// Without a limit a wrong PGHOST hangs until the operating system gives up,
// which can be minutes.
const CONNECT_TIMEOUT_MS = 10_000;

interface Connection {
  pool: Pool;
  target: string;
  close(): Promise<void>;
}

interface Shared {
  key: string;
  handles: number;
  opening: Promise<Connection>;
}

let shared: Shared | undefined;

/**
 * Opens the run log database chosen by `resolveConnection` and applies
 * pending migrations. The pool is shared: later calls in the same process
 * get the same pool (PGPOOL_MAX connections, default 2) until every handle
 * is closed.
 *
 * In a Lambda, open it once per container and keep it; each invocation
 * reuses the warm pool.
 *
 * @throws EnvironmentError when the PG* variables or PGPOOL_MAX are wrong.
 * @throws DatabaseError when the database cannot be reached or migrated
 *   (one line naming host:port/database and the cause), or when it is
 *   already open at a different place in this process.
 */
export async function openDatabase(
  env: Env,
  options: OpenOptions,
): Promise<Database> {
  const target = resolveConnection(env, options);
  const poolMax = readPoolMax(env);
  const key = describeTarget(target);
  if (shared !== undefined && shared.key !== key) {
    throw new DatabaseError(
      `the run log is already open at ${shared.key}; close it before ` +
        `opening ${key}`,
    );
  }

  if (shared === undefined) {
    const opening = connect(target, poolMax);
    const entry: Shared = { key, handles: 0, opening };
    shared = entry;
    opening.catch(() => {
      if (shared === entry) shared = undefined;
    });
  }
  const entry = shared;
  entry.handles += 1;

  let connection: Connection;
  try {
    connection = await entry.opening;
  } catch (error) {
    entry.handles -= 1;
    throw error;
  }

  let closed = false;
  return {
    pool: connection.pool,
    target: connection.target,
    async close() {
      if (closed) return;
      closed = true;
      entry.handles -= 1;
      if (entry.handles > 0) return;
      if (shared === entry) shared = undefined;
      await connection.close();
    },
  };
}

function readPoolMax(env: Env): number {
  const max = optionalInteger(env, 'PGPOOL_MAX', DEFAULT_POOL_MAX);
  if (max < 1) {
    throw new EnvironmentError(`PGPOOL_MAX must be at least 1, found ${max}`);
  }
  return max;
}

async function connect(
  target: ConnectionTarget,
  poolMax: number,
): Promise<Connection> {
  if (target.kind === 'server') {
    const { host, port, database, user, password, ssl, options } = target;
    const config = { host, port, database, user, password, ssl, options };
    return openPool(config, poolMax, describeTarget(target), async () => {});
  }

  const startEmbedded = await loadEmbedded();
  // Headroom over the pool's max: a connection the pool has just dropped
  // may still count against the server for a moment.
  const server = await startEmbedded(target.dataDir, {
    maxConnections: poolMax + 2,
  });
  const { host, port, database } = server.config;
  const where = `${host}:${port}/${database} (embedded in ${target.dataDir})`;
  try {
    return await openPool(server.config, poolMax, where, () => server.stop());
  } catch (error) {
    await server.stop().catch(() => undefined);
    throw error;
  }
}

// Loaded only when needed, so a bundle that never runs embedded (the
// Lambda) neither loads PGlite's WebAssembly nor needs it installed.
async function loadEmbedded(): Promise<typeof startEmbeddedType> {
  try {
    return (await import('./embedded')).startEmbedded;
  } catch (error) {
    throw new DatabaseError(
      `the embedded database is not available (${describeCause(error)}); ` +
        'set PGHOST to use a PostgreSQL server',
      { cause: error },
    );
  }
}

async function openPool(
  config: PoolConfig,
  max: number,
  target: string,
  stopServer: () => Promise<void>,
): Promise<Connection> {
  const pool = new Pool({
    ...config,
    max,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    application_name: 'fleetmocker',
  });
  // pg drops an idle client whose connection breaks and reports it here;
  // without a listener that report would crash the process. The next query
  // opens a fresh connection and fails on its own if the server is gone.
  pool.on('error', () => undefined);

  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new DatabaseError(
      `could not connect to PostgreSQL at ${target}: ${describeCause(error)}`,
      { cause: error },
    );
  }

  try {
    await migrate(pool);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new DatabaseError(
      `could not migrate the run log at ${target}: ${describeCause(error)}`,
      { cause: error },
    );
  }

  return {
    pool,
    target,
    async close() {
      try {
        await pool.end();
      } finally {
        await stopServer();
      }
    },
  };
}
