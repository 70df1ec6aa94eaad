import type { Pool } from 'pg';
import { MIGRATIONS, migrate } from '../../src/db/migrate';
import { DatabaseError } from '../../src/errors';
import { BACKENDS } from './backends';
import type { Scratch } from './backends';

async function appliedNames(pool: Pool): Promise<string[]> {
  const result = await pool.query<{ name: string }>(
    'SELECT name FROM schema_migrations ORDER BY name',
  );
  return result.rows.map((row) => row.name);
}

async function tableExists(pool: Pool, name: string): Promise<boolean> {
  const result = await pool.query<{ found: boolean }>(
    'SELECT to_regclass($1) IS NOT NULL AS found',
    [name],
  );
  return result.rows[0].found;
}

// The tests share one database and build on each other in order.
describe.each(BACKENDS)('migrate on $name', (backend) => {
  let scratch: Scratch | undefined;
  let raw: { pool: Pool; close(): Promise<void> } | undefined;
  let pool: Pool;

  beforeAll(async () => {
    scratch = await backend.createScratch();
    raw = await scratch.rawPool();
    pool = raw.pool;
  });

  afterAll(async () => {
    await raw?.close();
    await scratch?.dispose();
  });

  it('applies 001_init on an empty database and records it', async () => {
    const applied = await migrate(pool);

    expect(applied).toEqual(['001_init']);
    expect(await appliedNames(pool)).toEqual(['001_init']);
    for (const table of ['runs', 'run_stages', 'run_events']) {
      expect(await tableExists(pool, table)).toBe(true);
    }
  });

  it('applies nothing when the database is up to date', async () => {
    const applied = await migrate(pool);

    expect(applied).toEqual([]);
    expect(await appliedNames(pool)).toEqual(['001_init']);
  });

  it('applies only the migrations added since the last run', async () => {
    const added = { name: '002_extra', sql: 'CREATE TABLE extra (x int)' };

    const applied = await migrate(pool, [...MIGRATIONS, added]);

    expect(applied).toEqual(['002_extra']);
    expect(await appliedNames(pool)).toEqual(['001_init', '002_extra']);
  });

  it('rolls back every pending migration when one fails', async () => {
    const good = { name: '003_good', sql: 'CREATE TABLE good (x int)' };
    const bad = { name: '004_bad', sql: 'SELECT * FROM missing_table' };

    const attempt = migrate(pool, [...MIGRATIONS, good, bad]);

    await expect(attempt).rejects.toThrow(DatabaseError);
    await expect(attempt).rejects.toMatchObject({
      code: 'E_DB',
      message: expect.stringMatching(
        /^applying migration 004_bad failed: .*missing_table/,
      ),
    });
    expect(await tableExists(pool, 'good')).toBe(false);
    expect(await appliedNames(pool)).toEqual(['001_init', '002_extra']);
  });

  it('applies a migration once when two connections race', async () => {
    const race = { name: '005_race', sql: 'CREATE TABLE race (x int)' };
    const list = [...MIGRATIONS, race];

    const results = await Promise.all([
      migrate(pool, list),
      migrate(pool, list),
    ]);

    expect(results.map((names) => names.join(',')).sort()).toEqual([
      '',
      '005_race',
    ]);
    expect(await appliedNames(pool)).toEqual([
      '001_init',
      '002_extra',
      '005_race',
    ]);
  });
});
