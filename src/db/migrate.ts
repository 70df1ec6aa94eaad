import type { Pool, PoolClient } from 'pg';
import init from '../../db/001_init.sql';
import { DatabaseError } from '../errors';
import { describeCause } from './cause';

/** A schema change, applied once per database in name order. */
export interface Migration {
  name: string;
  sql: string;
}

/**
 * Every migration, in the order it must run. Add new files here as
 * `db/NNN_what.sql`; never edit one that has been released, since databases
 * that already applied it will not run it again.
 */
export const MIGRATIONS: readonly Migration[] = [
  { name: '001_init', sql: init },
];

// Any fixed number works; it only has to be the same in every process that
// migrates this database, and unlikely to be used by another application.
const MIGRATION_LOCK = 4_711_203_001;

/**
 * Applies the migrations the database has not seen yet, all in one
 * transaction, and returns their names (empty when it was up to date).
 *
 * A transaction-scoped advisory lock makes processes that start together
 * wait for each other, so each migration runs exactly once.
 *
 * @throws DatabaseError when a connection cannot be had or a statement fails;
 *   nothing is applied then.
 */
export async function migrate(
  pool: Pool,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<string[]> {
  let client: PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw new DatabaseError(`connecting failed: ${describeCause(error)}`, {
      cause: error,
    });
  }

  let step = 'beginning a transaction';
  let broken = false;
  try {
    await client.query('BEGIN');
    step = 'waiting for other migrating processes';
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    step = 'creating schema_migrations';
    await client.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         name text PRIMARY KEY,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    step = 'reading schema_migrations';
    const seen = await client.query<{ name: string }>(
      'SELECT name FROM schema_migrations',
    );
    const applied = new Set(seen.rows.map((row) => row.name));

    const pending = migrations.filter((m) => !applied.has(m.name));
    for (const migration of pending) {
      step = `applying migration ${migration.name}`;
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (name) VALUES ($1)', [
        migration.name,
      ]);
    }

    step = 'committing';
    await client.query('COMMIT');
    return pending.map((m) => m.name);
  } catch (error) {
    // A client whose rollback fails is in an unknown state; the pool must
    // discard it rather than hand it out again.
    broken = await client.query('ROLLBACK').then(
      () => false,
      () => true,
    );
    throw new DatabaseError(`${step} failed: ${describeCause(error)}`, {
      cause: error,
    });
  } finally {
    client.release(broken);
  }
}
