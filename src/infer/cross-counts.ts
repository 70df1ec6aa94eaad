import type { AggregateSpec } from '../config/schema';
import type { GeneratorInput } from './plan';
import { toNumber, type Value } from '../core/expr';
import type { Joined } from './cross-join';
import type { RelationSpec } from './embedded';
import { nameRef, quote } from './typed';

/**
 * Per-entity columns that count the other file's rows: all of them (an
 * incident count), or those where a condition on the other file's columns
 * holds (incidents on interstates). Two counts that add up to the whole
 * split the rows; when no column tells the halves apart, each entity
 * draws its share from the sample's entities (most drivers keep to one
 * kind of road) and the other file a hidden flag per row, so the halves
 * still add up in the mock.
 */

/** What the counts found: aggregates, column definitions, checks. */
export interface CountFindings {
  aggregates: Record<string, AggregateSpec>;
  /** Per-entity columns and the expressions that define them. */
  defined: Map<string, string>;
  relations: RelationSpec[];
  /** Hidden columns for the other file. */
  manyHidden: GeneratorInput[];
  /** Attributes the entity needs, such as its share of a split. */
  attributes: GeneratorInput[];
  notes: string[];
}

/** A text column with more values than this is not a condition. */
const MAX_CATEGORIES = 12;

/**
 * A number column with more values than this is not tried for a
 * threshold: limits and classes have few values, and each try scans the
 * rows again.
 */
const MAX_THRESHOLDS = 200;

/**
 * Finds the counting columns; `name` makes aggregate names unique, and
 * `role` is the per-entity file's, whose sample an entity's share of a
 * split is drawn from.
 */
export function findCounts(
  j: Joined,
  name: (base: string) => string,
  role?: string,
): CountFindings {
  const sizes = j.groups.map((g) => g.length);
  const all = name('N');
  const out: CountFindings = {
    aggregates: { [all]: { fn: 'count' } },
    defined: new Map(),
    relations: [],
    manyHidden: [],
    attributes: [],
    notes: [],
  };
  const counts = countColumns(j, sizes);
  for (const column of counts.filter((c) => c.equalsAll)) {
    out.defined.set(column.name, all);
    out.relations.push({
      name: `${column.name} counts rows`,
      description: `${column.name} = the entity's rows in ${j.many.name}`,
      check: `${nameRef(column.name)} == ${all}`,
    });
  }
  const partial = counts.filter((c) => !c.equalsAll);
  const done = new Set<string>();
  for (const a of partial) {
    if (done.has(a.name)) continue;
    const b = partial.find(
      (c) => c !== a && !done.has(c.name) && addsUp(a, c, sizes),
    );
    done.add(a.name);
    if (b) done.add(b.name);
    splitCount(j, a, b, name, out, role);
  }
  return out;
}

interface CountColumn {
  name: string;
  values: number[];
  equalsAll: boolean;
}

/** Whole-number columns never above the entity's row count. */
function countColumns(j: Joined, sizes: number[]): CountColumn[] {
  const out: CountColumn[] = [];
  for (const type of j.perEntityTypes) {
    if (type.type !== 'number' || j.key.perEntity.includes(type.name)) continue;
    const values = j.perEntityRows.map((row) => numberOf(row[type.name]));
    const fits = values.every(
      (v, r) => Number.isInteger(v) && v >= 0 && v <= sizes[r],
    );
    if (!fits || values.every((v) => v === 0)) continue;
    const equalsAll = values.every((v, r) => v === sizes[r]);
    out.push({ name: type.name, values, equalsAll });
  }
  return out;
}

function numberOf(v: Value): number {
  return typeof v === 'number' ? v : NaN;
}

function addsUp(a: CountColumn, b: CountColumn, sizes: number[]): boolean {
  return a.values.every((v, r) => v + b.values[r] === sizes[r]);
}

/** Defines a partial count, and its complement if it has one. */
function splitCount(
  j: Joined,
  a: CountColumn,
  b: CountColumn | undefined,
  name: (base: string) => string,
  out: CountFindings,
  role: string | undefined,
): void {
  const found = conditionFor(j, a.values);
  const aggregate = (c: CountColumn, where: string) => {
    const agg = name(`N_${upper(c.name)}`);
    out.aggregates[agg] = { fn: 'count', where };
    out.defined.set(c.name, agg);
    return agg;
  };
  if (found) {
    const agg = aggregate(a, found.where);
    out.relations.push({
      name: `${a.name} counts rows where ${found.where}`,
      description: `${a.name} = the entity's rows in ${j.many.name} where ${found.where}`,
      check: `${nameRef(a.name)} == ${agg}`,
    });
    if (b) aggregate(b, found.rest);
    return;
  }
  if (!b) {
    out.notes.push(
      `${a.name} counts some of the entity's rows in ${j.many.name}, but no condition on its columns tells which`,
    );
    return;
  }
  const flag = name(`IN_${upper(a.name)}`);
  const share = name(`SHARE_${upper(a.name)}`);
  const [x, y] = [nameRef(a.name), nameRef(b.name)];
  out.attributes.push({
    name: share,
    kind: 'choice',
    type: 'number',
    sample: `${x} / (${x} + ${y})`,
    where: `${x} + ${y} > 0`,
    ...(role ? { file: role } : {}),
  });
  out.manyHidden.push({
    name: flag,
    kind: 'expr',
    hidden: true,
    expr: `if(chance(${share}), 'yes', 'no')`,
  });
  aggregate(a, `${flag} == 'yes'`);
  aggregate(b, `${flag} != 'yes'`);
  out.notes.push(
    `${a.name} and ${b.name} split the entity's rows in ${j.many.name}, but no condition on its columns tells them apart: each entity draws its share ${share} from the sample's entities, and a hidden flag ${flag} each row's side`,
  );
}

/**
 * A condition on the other file's columns under which each entity's rows
 * number exactly `counts`: a threshold on a number, or one value of a
 * column with few values.
 */
export function conditionFor(
  j: Joined,
  counts: number[],
): { where: string; rest: string } | undefined {
  for (const type of j.manyTypes) {
    if (j.key.many.includes(type.name)) continue;
    const values = j.manyRows.map((row) => row[type.name]);
    for (const [where, test, rest] of testsOf(type.name, type.type, values)) {
      const ok = j.groups.every(
        (g, r) => g.filter((i) => test(values[i])).length === counts[r],
      );
      if (ok) return { where, rest };
    }
  }
  return undefined;
}

/** A condition, the test it makes, and the condition for the rest. */
type Test = [string, (v: Value) => boolean, string];

function testsOf(column: string, type: string, values: Value[]): Test[] {
  const ref = nameRef(column);
  const distinct = [...new Set(values)];
  if (type === 'number') {
    if (distinct.length > MAX_THRESHOLDS) return [];
    // Empty cells pass neither side of a threshold.
    const whole = distinct.every((v) => typeof v === 'number');
    const not = (c: string, other: string) => (whole ? other : `!(${c})`);
    const numbers = distinct
      .filter((v): v is number => typeof v === 'number')
      .sort((a, b) => a - b)
      .slice(1);
    return numbers.flatMap((t): Test[] => {
      const [at, below] = [`${ref} >= ${t}`, `${ref} < ${t}`];
      return [
        [at, (v) => toNumber(v) >= t, not(at, below)],
        [below, (v) => toNumber(v) < t, not(below, at)],
      ];
    });
  }
  if (distinct.length > MAX_CATEGORIES) return [];
  const texts = distinct.filter((v): v is string => typeof v === 'string');
  const is = texts.map((t): Test => {
    const [eq, ne] = [`${ref} == ${quote(t)}`, `${ref} != ${quote(t)}`];
    return [eq, (v) => v === t, ne];
  });
  const isNot = texts.map((t): Test => {
    const [eq, ne] = [`${ref} == ${quote(t)}`, `${ref} != ${quote(t)}`];
    return [ne, (v) => v !== t, eq];
  });
  return [...is, ...isNot];
}

/** A column name as part of an upper-case hidden name. */
export function upper(name: string): string {
  return name
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}
