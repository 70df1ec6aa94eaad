import type { ColumnInfo } from './kinds';
import { findCarries } from './relations';

/** The column that names a file's entity and the columns that follow it. */
export interface EntityGuess {
  key: string;
  /** Columns that name the same entity: one value each way. */
  identity: string[];
  /** Columns that hold one value per entity, shared among entities. */
  constants: string[];
}

/** Share of entities with one value of a column for it to follow them. */
const FOLLOWS = 0.95;
/**
 * A follower with nearly as many values as the key names the entity too,
 * though a few of its values are shared (a login used in two vehicles).
 */
const NEARLY_AS_MANY = 0.8;
/** Entities with two or more rows needed to judge that. */
const ENOUGH_GROUPS = 3;

const HINTS: [RegExp, string][] = [
  [/vehicle|truck|unit|asset|device|tractor/i, 'vehicle'],
  [/driver|login|user|employee|operator/i, 'driver'],
];

/** The entity's name in words of the domain, from its key column. */
export function entityName(key: string): string {
  const hint = HINTS.find(([re]) => re.test(key));
  if (hint) return hint[1];
  return key.toLowerCase().replace(/[^a-z0-9]+/g, '_') || 'entity';
}

/**
 * Finds the column that identifies a driver, vehicle or unit: one whose
 * values repeat across rows and that other columns follow. Among equals,
 * the one other files share, then the finest (most values), then the one
 * never empty. Undefined when no column repeats and leads another.
 */
export function findEntity(
  columns: ColumnInfo[],
  shared: Set<string> = new Set(),
): EntityGuess | undefined {
  const rows = columns[0]?.raw.length ?? 0;
  const candidates = columns.filter(
    (c) =>
      c.distinct >= ENOUGH_GROUPS &&
      c.distinct <= rows / 2 &&
      c.kind !== 'datetime' &&
      c.kind !== 'decimal',
  );
  const scored = candidates
    .map((key) => ({
      key,
      followers: columns.filter(
        (c) => c !== key && c.distinct >= 2 && follows(key, c),
      ),
    }))
    .filter((s) => s.followers.length > 0)
    .sort(
      (a, b) =>
        b.followers.length - a.followers.length ||
        Number(shared.has(b.key.name)) - Number(shared.has(a.key.name)) ||
        b.key.distinct - a.key.distinct ||
        a.key.emptyShare - b.key.emptyShare,
    );
  const best = scored[0];
  if (!best) {
    return keyOfCarries(candidates, columns) ?? keyByName(candidates);
  }
  const identity = best.followers.filter(
    (c) =>
      follows(c, best.key) || c.distinct >= NEARLY_AS_MANY * best.key.distinct,
  );
  return {
    key: best.key.name,
    identity: identity.map((c) => c.name),
    constants: best.followers
      .filter((c) => !identity.includes(c))
      .map((c) => c.name),
  };
}

/**
 * True when every (or nearly every) value of `key` that occurs more than
 * once comes with one value of `other`; empty cells of `other` are
 * ignored, as exports leave a name out now and then.
 */
export function follows(key: ColumnInfo, other: ColumnInfo): boolean {
  const seen = new Map<string, Set<string>>();
  const rowsOf = new Map<string, number>();
  key.raw.forEach((k, i) => {
    if (k === '') return;
    rowsOf.set(k, (rowsOf.get(k) ?? 0) + 1);
    const v = other.raw[i];
    if (v === '') return;
    const set = seen.get(k) ?? new Set<string>();
    set.add(v);
    seen.set(k, set);
  });
  let groups = 0;
  let single = 0;
  for (const [k, n] of rowsOf) {
    if (n < 2) continue;
    groups++;
    if ((seen.get(k)?.size ?? 0) <= 1) single++;
  }
  return groups >= ENOUGH_GROUPS && single >= FOLLOWS * groups;
}

/**
 * Without columns that follow it, a key still shows in rows that continue
 * each other: the candidate along whose rows most columns carry on.
 */
function keyOfCarries(
  candidates: ColumnInfo[],
  columns: ColumnInfo[],
): EntityGuess | undefined {
  const best = candidates
    .map((key) => ({ key, carries: findCarries(columns, key).length }))
    .filter((c) => c.carries > 0)
    .sort((a, b) => b.carries - a.carries)[0];
  return best && { key: best.key.name, identity: [], constants: [] };
}

/**
 * Without followers or carries, a repeating column still names the entity
 * when its name says so (`unit`, `vehicle`) or its values are codes of one
 * shape (`TRK-431`): rows of one vehicle stay one vehicle's in the mock.
 * Other repeating columns (a speed, a status) are not taken, as nothing
 * tells them from measurements.
 */
function keyByName(candidates: ColumnInfo[]): EntityGuess | undefined {
  const named = (c: ColumnInfo) => HINTS.some(([re]) => re.test(c.name));
  const best = candidates
    .filter((c) => named(c) || c.kind === 'identifier')
    .sort(
      (a, b) =>
        Number(named(b)) - Number(named(a)) ||
        b.distinct - a.distinct ||
        a.emptyShare - b.emptyShare,
    )[0];
  return best && { key: best.name, identity: [], constants: [] };
}
