import type { AggregateSpec } from '../config/schema';
import { toNumber, type Row } from '../core/expr';
import { upper } from './cross-counts';
import type { Joined } from './cross-join';
import type { RelationSpec } from './embedded';
import type { GeneratorInput } from './plan';
import { nameRef } from './typed';

/**
 * Per-entity columns that are never below the largest value of a column
 * of the entity's rows (a driver's top speed, never below the speed of
 * any of its incidents), each 0 exactly when a column it goes with is
 * (no observations on that kind of road). Their own rows of the other
 * file are the ones its count takes, so the mock keeps each at least the
 * largest of those, lifting a drawn value where it must.
 */

export interface ExtremeFindings {
  aggregates: Record<string, AggregateSpec>;
  defined: Map<string, string>;
  hidden: GeneratorInput[];
  relations: RelationSpec[];
}

interface Candidate {
  column: string;
  /** The defined column that is 0 exactly when this one is. */
  partner: string;
  /** The condition on the other file's rows its count takes, if any. */
  where?: string;
}

/**
 * Finds such columns among those not yet `defined`; `floors` and
 * `counts` lead from a partner to the condition its count takes.
 */
export function findExtremes(
  j: Joined,
  defined: Map<string, string>,
  floors: Map<string, string>,
  aggregates: Record<string, AggregateSpec>,
  name: (base: string) => string,
): ExtremeFindings | undefined {
  const candidates = candidatesOf(j, defined, floors, aggregates);
  if (candidates.length === 0) return undefined;
  const of = boundColumn(
    j,
    candidates.map((c) => c.column),
  );
  if (!of) return undefined;
  const out: ExtremeFindings = {
    aggregates: {},
    defined: new Map(),
    hidden: [],
    relations: [],
  };
  for (const c of candidates) {
    const own = upper(c.column);
    const agg = name(own.startsWith('MAX_') ? own : `MAX_${upper(of)}_${own}`);
    out.aggregates[agg] = {
      fn: 'max',
      of,
      ...(c.where ? { where: c.where } : {}),
    };
    const top = name(`TOP_${own.replace(/^MAX_/, '')}`);
    const ref = nameRef(c.column);
    out.hidden.push({
      name: top,
      kind: 'number',
      type: 'number',
      hidden: true,
      sample: ref,
      where: `${ref} > 0`,
      smooth: false,
    });
    out.defined.set(
      c.column,
      `if(${nameRef(c.partner)} == 0, 0, max(coalesce(${agg}, 0), ${top}))`,
    );
  }
  const all = name(`MAX_${upper(of)}`);
  out.aggregates[all] = { fn: 'max', of };
  const columns = candidates.map((c) => nameRef(c.column));
  const largest =
    columns.length > 1 ? `max(${columns.join(', ')})` : columns[0];
  out.relations.push({
    name: `${candidates.map((c) => c.column).join(', ')} at least the largest ${of}`,
    description: `the largest of ${candidates.map((c) => c.column).join(', ')} is never below the largest ${of} of the entity's rows in ${j.many.name}`,
    check: `${largest} >= coalesce(${all}, 0)`,
  });
  return out;
}

/** Number columns 0 exactly when a column drawn above a count is. */
function candidatesOf(
  j: Joined,
  defined: Map<string, string>,
  floors: Map<string, string>,
  aggregates: Record<string, AggregateSpec>,
): Candidate[] {
  const rows = j.perEntityRows;
  const out: Candidate[] = [];
  for (const type of j.perEntityTypes) {
    const column = type.name;
    if (type.type !== 'number' || defined.has(column)) continue;
    if (!rows.every((row) => isNonNegative(row[column]))) continue;
    if (rows.every((row) => row[column] === 0)) continue;
    const partner = [...floors.keys()].find((p) =>
      rows.every((row) => (row[column] === 0) === (row[p] === 0)),
    );
    if (!partner) continue;
    const count = defined.get(floors.get(partner)!);
    const spec = count ? aggregates[count] : undefined;
    if (spec?.fn !== 'count') continue;
    out.push({ column, partner, where: spec.where });
  }
  return out;
}

function isNonNegative(v: Row[string]): boolean {
  return typeof v === 'number' && v >= 0;
}

/**
 * The other file's number column whose largest value per entity the
 * columns together never fall below, reaching it for the most entities.
 */
function boundColumn(j: Joined, columns: string[]): string | undefined {
  const rows = j.perEntityRows;
  let best: { name: string; reached: number } | undefined;
  for (const type of j.manyTypes) {
    if (type.type !== 'number' || j.key.many.includes(type.name)) continue;
    let reached = 0;
    const holds = j.groups.every((g, r) => {
      if (g.length === 0) return true;
      const top = Math.max(...g.map((i) => toNumber(j.manyRows[i][type.name])));
      const own = Math.max(...columns.map((c) => rows[r][c] as number));
      if (own === top) reached++;
      return own >= top;
    });
    if (holds && reached > 0 && (!best || reached > best.reached)) {
      best = { name: type.name, reached };
    }
  }
  return best?.name;
}
