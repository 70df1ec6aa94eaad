import type { AggregateSpec } from '../config/schema';
import { toNumber, type Value } from '../core/expr';
import { upper } from './cross-counts';
import type { Joined } from './cross-join';
import type { RelationSpec } from './embedded';
import { nameRef, quote } from './typed';

/**
 * Per-entity columns that total a number column of the other file over
 * the entity's rows: its sum, largest or smallest value. Entities without
 * rows write 0 for a sum and a placeholder (or nothing) otherwise.
 */

export interface TotalFindings {
  aggregates: Record<string, AggregateSpec>;
  defined: Map<string, string>;
  relations: RelationSpec[];
}

const FNS = ['sum', 'max', 'min'] as const;
type Fn = (typeof FNS)[number];

/** Finds the totals among the per-entity columns not yet `taken`. */
export function findTotals(
  j: Joined,
  taken: Set<string>,
  count: string,
  name: (base: string) => string,
): TotalFindings {
  const out: TotalFindings = {
    aggregates: {},
    defined: new Map(),
    relations: [],
  };
  for (const type of j.perEntityTypes) {
    if (type.type !== 'number' || taken.has(type.name)) continue;
    const found = totalOf(j, type.name);
    if (!found) continue;
    const agg = name(`${found.fn.toUpperCase()}_${upper(found.of)}`);
    out.aggregates[agg] = { fn: found.fn, of: found.of };
    const ref = nameRef(type.name);
    const expr =
      found.blank === undefined
        ? agg
        : `if(${count} == 0, ${found.blank}, ${agg})`;
    out.defined.set(type.name, expr);
    out.relations.push({
      name: `${type.name} is the ${found.fn} of ${found.of}`,
      description: `${type.name} = the ${found.fn} of ${found.of} over the entity's rows in ${j.many.name}`,
      check: `${ref} == ${expr}`,
    });
  }
  return out;
}

function totalOf(
  j: Joined,
  column: string,
): { fn: Fn; of: string; blank?: string } | undefined {
  const own = j.perEntityRows.map((row) => row[column]);
  const blanks = new Set(
    own.filter((_, r) => j.groups[r].length === 0).map(String),
  );
  if (blanks.size > 1) return undefined;
  for (const type of j.manyTypes) {
    if (type.type !== 'number' || j.key.many.includes(type.name)) continue;
    for (const fn of FNS) {
      const ok = j.groups.every(
        (g, r) =>
          g.length === 0 ||
          total(
            fn,
            g.map((i) => j.manyRows[i][type.name]),
          ) === own[r],
      );
      if (!ok) continue;
      const [blank] = [...blanks];
      if (fn === 'sum' && (blank === undefined || blank === '0')) {
        return { fn, of: type.name };
      }
      return { fn, of: type.name, blank: blankOf(own, blank) };
    }
  }
  return undefined;
}

function total(fn: Fn, values: Value[]): number {
  const numbers = values.map(toNumber);
  if (fn === 'sum') return numbers.reduce((a, b) => a + b, 0);
  return fn === 'max' ? Math.max(...numbers) : Math.min(...numbers);
}

/** What an entity without rows writes, as an expression. */
function blankOf(own: Value[], blank: string | undefined): string | undefined {
  if (blank === undefined) return undefined;
  const value = own.find((v) => String(v) === blank);
  if (value === null) return 'null';
  return typeof value === 'number' ? String(value) : quote(String(value));
}
