import type { AggregateSpec } from '../config/schema';
import type { GeneratorInput } from './plan';
import { toNumber } from '../core/expr';
import { upper } from './cross-counts';
import { findDescribed, type Described } from './cross-described';
import type { Joined } from './cross-join';
import type { RelationSpec } from './embedded';
import { nameRef, quote } from './typed';

/**
 * Which of an entity's rows the per-entity file describes (the worst
 * incident), as an argmax or argmin the generator can compute: the
 * ranking, by a column or the ratio of two, that picks the described row
 * for the most entities. A sample need not follow one ranking exactly;
 * the check only asks that the columns describe the ranked row, which
 * the mock keeps on every row, and the share of sample entities it fits
 * is noted.
 */

export interface ArgFindings {
  aggregates: Record<string, AggregateSpec>;
  defined: Map<string, string>;
  relations: RelationSpec[];
  /** A hidden column of the other file the aggregate ranks by, if any. */
  manyHidden: GeneratorInput[];
  notes: string[];
}

/** What rows are ranked by: a column, or one column over another. */
interface Ranking {
  label: string;
  values: number[];
  expr?: string;
}

/** Fewest columns that must describe a row to be believed. */
const MIN_COLUMNS = 2;

/**
 * Finds the described row among the per-entity columns not yet `taken`;
 * `count` names the aggregate counting an entity's rows.
 */
export function findArgmax(
  j: Joined,
  taken: Set<string>,
  count: string,
  name: (base: string) => string,
): ArgFindings | undefined {
  const described = findDescribed(j, taken);
  if (described.pairs.length < MIN_COLUMNS) return undefined;
  let best: { fn: 'argmax' | 'argmin'; by: Ranking; fits: number } | null =
    null;
  for (const by of rankings(j)) {
    for (const fn of ['argmax', 'argmin'] as const) {
      const fits = j.groups.filter((g, r) => {
        const i = pick(g, by.values, fn);
        return i !== undefined && described.rows[r].includes(i);
      }).length;
      if (fits > (best?.fits ?? 0)) best = { fn, by, fits };
    }
  }
  if (!best) return undefined;
  const word = best.fn === 'argmax' ? 'MAX' : 'MIN';
  const label = best.by.expr ? best.by.label : upper(best.by.label);
  const agg = name(`${word}_${label}_ROW`);
  const of = best.by.expr ? name(best.by.label) : best.by.label;
  const withRows = j.groups.filter((g) => g.length > 0).length;
  const found = emit(j, agg, count, best.fn, of, described);
  return {
    ...found,
    manyHidden: best.by.expr ? [rankColumn(of, best.by.expr)] : [],
    notes:
      best.fits < withRows
        ? [
            `${described.pairs.map((p) => p.column).join(', ')} describe one of the entity's rows in ${j.many.name}; the row with the ${best.fn === 'argmax' ? 'largest' : 'smallest'} ${of} for ${best.fits} of ${withRows} entities, and the mock always that row`,
          ]
        : [],
  };
}

function rankColumn(name: string, expr: string): GeneratorInput {
  return {
    name,
    kind: 'expr',
    expr,
    type: 'number',
    hidden: true,
  };
}

function isNumber(j: Joined, column: string): boolean {
  return j.manyTypes.some((t) => t.name === column && t.type === 'number');
}

/**
 * Number and date-time columns, then each ratio of two number columns
 * with a denominator above 0.
 */
function rankings(j: Joined): Ranking[] {
  const columns = j.manyTypes
    .filter((t) => t.type !== 'text' && !j.key.many.includes(t.name))
    .map((t) => ({
      label: t.name,
      values: j.manyRows.map((row) => toNumber(row[t.name])),
    }))
    .filter((c) => c.values.every(Number.isFinite));
  const ratios = columns.flatMap((a) =>
    columns
      .filter((b) => b !== a && b.values.every((v) => v > 0))
      .filter(() => isNumber(j, a.label))
      .filter((b) => isNumber(j, b.label))
      .map((b) => ({
        label: `${upper(a.label)}_PER_${upper(b.label)}`,
        values: a.values.map((v, i) => v / b.values[i]),
        expr: `${nameRef(a.label)} / ${nameRef(b.label)}`,
      })),
  );
  return [...columns, ...ratios];
}

/** The first row with the largest (smallest) value, as argmax keeps it. */
function pick(
  group: number[],
  values: number[],
  fn: 'argmax' | 'argmin',
): number | undefined {
  let best: number | undefined;
  for (const i of group) {
    const better =
      best === undefined ||
      (fn === 'argmax' ? values[i] > values[best] : values[i] < values[best]);
    if (better) best = i;
  }
  return best;
}

function emit(
  j: Joined,
  agg: string,
  count: string,
  fn: 'argmax' | 'argmin',
  of: string,
  found: Described,
): Omit<ArgFindings, 'manyHidden' | 'notes'> {
  const defined = new Map<string, string>();
  const whenRows: string[] = [];
  const whenNone: string[] = [];
  for (const { column, source, replace } of found.pairs) {
    const copied = `${agg}.${nameRef(source)}`;
    const value = replace
      ? `replace(${copied}, ${quote(replace[0])}, ${quote(replace[1])})`
      : copied;
    const blank = found.empty.get(column);
    defined.set(
      column,
      blank === undefined
        ? value
        : `if(${count} == 0, ${blankOf(blank)}, ${value})`,
    );
    whenRows.push(`${nameRef(column)} == ${value}`);
    if (blank !== undefined) {
      whenNone.push(`${nameRef(column)} == ${blankOf(blank)}`);
    }
  }
  const rows = whenRows.join(' && ');
  const check = whenNone.length
    ? `if(${count} == 0, ${whenNone.join(' && ')}, ${rows})`
    : rows;
  const word = fn === 'argmax' ? 'largest' : 'smallest';
  return {
    aggregates: { [agg]: { fn, of } },
    defined,
    relations: [
      {
        name: `row with the ${word} ${of}`,
        description: `${found.pairs.map((p) => p.column).join(', ')} describe the entity's row in ${j.many.name} with the ${word} ${of}${whenNone.length ? ', or are a placeholder when it has none' : ''}`,
        check,
      },
    ],
  };
}

/** An empty cell reads as null, anything else as its text. */
function blankOf(text: string): string {
  return text === '' ? 'null' : quote(text);
}
