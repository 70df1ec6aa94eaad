import {
  linkSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { DatabaseError } from '../errors';
import { describeCause } from './cause';

/** What pg needs to reach the embedded server, and how to shut it down. */
export interface EmbeddedDatabase {
  config: {
    host: string;
    port: number;
    database: string;
    user: string;
    ssl: false;
  };
  /** Stops the server, closes PGlite and frees the folder; idempotent. */
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /**
   * Connections the socket server accepts at once; at least the pool's
   * `max`, or connections beyond it are cut with "Connection terminated
   * unexpectedly".
   */
  maxConnections: number;
}

/**
 * Opens (creating on first use) a PGlite database in `dataDir` and serves it
 * on 127.0.0.1 at a port the system picks. The first open of a folder takes
 * a few seconds; later ones well under one.
 *
 * Known limits: PGlite runs one query at a time, and while one connection
 * has a transaction open the others wait. PGlite itself does not stop two
 * processes from opening the same folder (which would corrupt it), so a lock
 * file `<dataDir>.lock` holding the owner's process id guards it.
 *
 * @throws DatabaseError when another live process holds the folder, or
 *   PGlite or the socket server cannot start.
 */
export async function startEmbedded(
  dataDir: string,
  options: EmbeddedOptions,
): Promise<EmbeddedDatabase> {
  const folder = resolve(dataDir);
  const releaseLock = acquireLock(folder);

  let db: PGlite | undefined;
  try {
    mkdirSync(folder, { recursive: true });
    db = await PGlite.create(folder);
    const server = new PGLiteSocketServer({
      db,
      host: '127.0.0.1',
      port: 0,
      maxConnections: options.maxConnections,
    });
    await server.start();

    const opened = db;
    let stopping: Promise<void> | undefined;
    return {
      config: {
        host: '127.0.0.1',
        port: portOf(server.getServerConn()),
        database: 'postgres',
        user: 'postgres',
        ssl: false,
      },
      stop() {
        stopping ??= (async () => {
          try {
            await server.stop();
            await opened.close();
          } finally {
            releaseLock();
          }
        })();
        return stopping;
      },
    };
  } catch (error) {
    await db?.close().catch(() => undefined);
    releaseLock();
    throw new DatabaseError(
      `could not start the embedded database in ${folder}: ` +
        describeCause(error),
      { cause: error },
    );
  }
}

function portOf(address: string): number {
  return Number(address.slice(address.lastIndexOf(':') + 1));
}

/**
 * Takes `<folder>.lock` for this process and returns its release. The pid is
 * written to a temporary file that is then hard-linked into place, so the
 * lock never exists without its owner in it. A lock whose owner has died is
 * taken over. Two processes taking over the same stale lock at the same
 * instant could both succeed; that window is one unlink wide.
 */
function acquireLock(folder: string): () => void {
  const lockPath = `${folder}.lock`;
  const draft = `${lockPath}.${process.pid}`;
  try {
    mkdirSync(dirname(lockPath), { recursive: true });
    writeFileSync(draft, `${process.pid}\n`);
    for (let attempt = 0; ; attempt += 1) {
      if (tryLink(draft, lockPath)) {
        return () => rmSync(lockPath, { force: true });
      }
      const owner = lockOwner(lockPath);
      if (attempt > 0 || (owner !== undefined && isAlive(owner))) {
        throw new DatabaseError(
          `the embedded database in ${folder} is in use by process ` +
            `${owner ?? 'unknown'}; wait for it to finish, or set PGHOST ` +
            `to use a PostgreSQL server`,
        );
      }
      rmSync(lockPath, { force: true });
    }
  } catch (error) {
    if (error instanceof DatabaseError) throw error;
    throw new DatabaseError(
      `could not lock the embedded database in ${folder}: ` +
        describeCause(error),
      { cause: error },
    );
  } finally {
    removeQuietly(draft);
  }
}

/** False when the lock already exists; other failures are thrown. */
function tryLink(from: string, to: string): boolean {
  try {
    linkSync(from, to);
    return true;
  } catch (error) {
    if (isCode(error, 'EEXIST')) return false;
    throw error;
  }
}

// The draft is only litter if left behind; failing to remove it must not hide
// the error that brought us here.
function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // nothing more to do
  }
}

function lockOwner(lockPath: string): number | undefined {
  try {
    const pid = Number(readFileSync(lockPath, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return isCode(error, 'EPERM');
  }
}

function isCode(error: unknown, code: string): boolean {
  return (error as { code?: unknown } | null)?.code === code;
}
