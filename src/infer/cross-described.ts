import type { Joined } from './cross-join';

/**
 * Per-entity columns that copy one row of the other file: the worst
 * incident's time, map, speed and difference all come from one of the
 * driver's incidents. Found column by column, each kept only if one and
 * the same row of every entity still gives all the columns kept so far.
 */

/** A per-entity column copied from a column of the described row. */
export interface Copy {
  column: string;
  source: string;
  /** Text of the source written differently in the copy, if any. */
  replace?: [string, string];
}

export interface Described {
  pairs: Copy[];
  /** What entities without rows write in each column. */
  empty: Map<string, string>;
  /** Per per-entity row, the rows of its entity that give every pair. */
  rows: number[][];
}

/** Finds the columns, among those not `taken`, that copy one row. */
export function findDescribed(j: Joined, taken: Set<string>): Described {
  const candidates = j.perEntity.header
    .map((column, c) => ({ column, c, source: sourceOf(j, c, taken) }))
    .filter((x) => x.source !== undefined)
    .sort((a, b) => distinct(j, b.source!) - distinct(j, a.source!));
  let rows = j.groups.map((g) => [...g]);
  const pairs: Copy[] = [];
  const empty = new Map<string, string>();
  for (const { column, c, source } of candidates) {
    const at = j.many.header.indexOf(source!);
    const kept = rows.map((g, r) =>
      g.filter((i) => j.many.records[i][at] === j.perEntity.records[r][c]),
    );
    if (kept.some((g, r) => j.groups[r].length > 0 && g.length === 0)) continue;
    rows = kept;
    pairs.push({ column, source: source! });
    const blank = blankOf(j, c);
    if (blank !== undefined) empty.set(column, blank);
  }
  for (const copy of rewrittenCopies(j, taken, pairs, rows)) {
    pairs.push(copy);
    const blank = blankOf(j, j.perEntity.header.indexOf(copy.column));
    if (blank !== undefined) empty.set(copy.column, blank);
  }
  return { pairs, empty, rows };
}

/**
 * Columns that copy a column of the described row with one piece of it
 * written differently in every row: a URL whose report id differs
 * between the two reports.
 */
function rewrittenCopies(
  j: Joined,
  taken: Set<string>,
  pairs: Copy[],
  rows: number[][],
): Copy[] {
  if (pairs.length === 0) return [];
  const out: Copy[] = [];
  j.perEntity.header.forEach((column, c) => {
    if (taken.has(column) || j.key.perEntity.includes(column)) return;
    if (pairs.some((p) => p.column === column)) return;
    const own = j.perEntity.records.map((r) => r[c]);
    const blanks = new Set(own.filter((_, r) => j.groups[r].length === 0));
    if (blanks.size > 1) return;
    const order = [column, ...j.many.header.filter((h) => h !== column)];
    for (const source of order) {
      const at = j.many.header.indexOf(source);
      if (at < 0 || j.key.many.includes(source)) continue;
      if (!variesWithin(j, at)) continue;
      const texts = rows.flatMap((g, r): [string, string][] =>
        g.length ? [[own[r], j.many.records[g[0]][at]]] : [],
      );
      const replace = replacementOf(texts);
      if (replace) {
        out.push({ column, source, replace });
        return;
      }
    }
  });
  return out;
}

const WORD = /[A-Za-z0-9]/;

/**
 * The one piece, whole words or numbers, that turns every source text
 * into its copy; undefined if there is none or nothing differs.
 */
export function replacementOf(
  texts: [string, string][],
): [string, string] | undefined {
  const differing = texts.find(([x, y]) => x !== y);
  if (!differing) return undefined;
  const [x, y] = differing;
  let head = 0;
  while (head < x.length && head < y.length && x[head] === y[head]) head++;
  let tail = 0;
  const room = Math.min(x.length, y.length) - head;
  while (tail < room && x[x.length - 1 - tail] === y[y.length - 1 - tail]) {
    tail++;
  }
  while (head > 0 && WORD.test(y[head - 1])) head--;
  while (tail > 0 && WORD.test(y[y.length - tail])) tail--;
  const from = y.slice(head, y.length - tail);
  const to = x.slice(head, x.length - tail);
  if (from === '' || to === '') return undefined;
  const holds = texts.every(
    ([own, source]) => source.split(from).join(to) === own,
  );
  return holds ? [from, to] : undefined;
}

/**
 * The other file's column whose values, for every entity, include the
 * per-entity value; one of the same name first. Entities without rows
 * must all write the same text.
 */
function sourceOf(
  j: Joined,
  c: number,
  taken: Set<string>,
): string | undefined {
  const column = j.perEntity.header[c];
  if (taken.has(column) || j.key.perEntity.includes(column)) return undefined;
  const own = j.perEntity.records.map((r) => r[c]);
  const blanks = new Set(own.filter((_, r) => j.groups[r].length === 0));
  if (blanks.size > 1) return undefined;
  const order = [column, ...j.many.header.filter((h) => h !== column)];
  return order.find((other) => {
    const at = j.many.header.indexOf(other);
    if (at < 0 || j.key.many.includes(other) || !variesWithin(j, at)) {
      return false;
    }
    return j.groups.every(
      (g, r) =>
        g.length === 0 || g.some((i) => j.many.records[i][at] === own[r]),
    );
  });
}

function blankOf(j: Joined, c: number): string | undefined {
  const r = j.groups.findIndex((g) => g.length === 0);
  return r < 0 ? undefined : j.perEntity.records[r][c];
}

function distinct(j: Joined, column: string): number {
  const at = j.many.header.indexOf(column);
  return new Set(j.many.records.map((r) => r[at])).size;
}

/**
 * True when some entity has rows that differ in the column: a column the
 * same on all of an entity's rows says nothing about which row is meant.
 */
function variesWithin(j: Joined, at: number): boolean {
  return j.groups.some((g) =>
    g.some((i) => j.many.records[i][at] !== j.many.records[g[0]][at]),
  );
}
