import type { ColumnInfo } from './kinds';

/** `total` = `left` + `right` on the sample's rows. */
export interface SumRelation {
  total: string;
  left: string;
  right: string;
  /** Largest gap allowed by the columns' decimals. */
  tolerance: number;
}

/** `target` on a row is `source` of the entity's previous row. */
export interface CarryRelation {
  target: string;
  source: string;
}

/** Rows in the file rise (or fall) on a column. */
export interface OrderRelation {
  by: string;
  descending: boolean;
}

/** A counter that rises by one every `every` rows in written order. */
export interface SequenceRelation {
  column: string;
  every: number;
}

/** Share of rows on which a relation must hold to count as one. */
const HOLDS = 0.99;
/** Share of an entity's row pairs for a carry. */
const CARRIES = 0.9;
/** Share of rows on which both parts of a sum must be other than zero. */
const BOTH_MOVE = 0.05;
/** Rows a relation needs to be judged at all. */
const ENOUGH_ROWS = 10;

const isNumeric = (c: ColumnInfo) =>
  c.type === 'number' && c.distinct >= 3 && c.kind !== 'identifier';

/**
 * Numeric columns that are the sum of two others on nearly every row
 * (a difference is a sum read the other way: TRAVELED = END - STRT is
 * END = STRT + TRAVELED). Each triple is reported once.
 */
export function findSums(columns: ColumnInfo[]): SumRelation[] {
  const numeric = columns.filter(isNumeric);
  const found: SumRelation[] = [];
  for (const total of numeric) {
    for (let i = 0; i < numeric.length; i++) {
      for (let j = i + 1; j < numeric.length; j++) {
        const [left, right] = [numeric[i], numeric[j]];
        if (left === total || right === total) continue;
        const tolerance = toleranceOf(total, left, right);
        if (holdsSum(total, left, right, tolerance)) {
          found.push({
            total: total.name,
            left: left.name,
            right: right.name,
            tolerance,
          });
        }
      }
    }
  }
  return found;
}

function toleranceOf(...columns: ColumnInfo[]): number {
  const places = Math.max(...columns.map((c) => c.decimals ?? 0));
  return places ? 0.5 * 10 ** -places : 1e-9;
}

function holdsSum(
  total: ColumnInfo,
  left: ColumnInfo,
  right: ColumnInfo,
  tolerance: number,
): boolean {
  // Every triple of number columns is tried, so a sum stops at the first
  // miss more than it may have: a wide sample would otherwise take minutes.
  const allowed = (1 - HOLDS) * total.values.length;
  let checked = 0;
  let held = 0;
  let bothMove = 0;
  for (let r = 0; r < total.values.length; r++) {
    const t = total.values[r];
    const a = left.values[r];
    const b = right.values[r];
    if (!Number.isFinite(t) || !Number.isFinite(a) || !Number.isFinite(b)) {
      continue;
    }
    checked++;
    if (Math.abs(t - a - b) <= tolerance + 1e-9) held++;
    else if (checked - held > allowed) return false;
    if (a !== 0 && b !== 0) bothMove++;
  }
  // A sum whose operand is nearly always zero says no more than that two
  // columns are equal; it needs rows where both parts count.
  return (
    checked >= ENOUGH_ROWS &&
    held >= HOLDS * checked &&
    bothMove >= Math.max(3, BOTH_MOVE * checked)
  );
}

/** Row indices of each entity, in the file's order. */
export function rowsByEntity(key: ColumnInfo): number[][] {
  const groups = new Map<string, number[]>();
  key.raw.forEach((k, i) => {
    if (k === '') return;
    const rows = groups.get(k) ?? [];
    rows.push(i);
    groups.set(k, rows);
  });
  return [...groups.values()];
}

/**
 * Columns that continue another from the entity's previous row, such as
 * a period's start taking the previous period's end. Compared as written,
 * so a date-time carries another only in the same layout.
 */
export function findCarries(
  columns: ColumnInfo[],
  key: ColumnInfo,
): CarryRelation[] {
  const groups = rowsByEntity(key);
  const inFileOrder = carriesAlong(columns, groups);
  if (inFileOrder.length) return inFileOrder;
  // A file not written in time order may still chain each entity's rows
  // in the order of one of its date-times, as the mock draws them.
  return columns
    .filter((c) => c.type === 'datetime' && c.distinct >= 3)
    .map((time) =>
      carriesAlong(
        columns,
        groups.map((rows) =>
          [...rows].sort((a, b) => time.values[a] - time.values[b] || a - b),
        ),
      ),
    )
    .reduce((best, found) => (found.length > best.length ? found : best), []);
}

function carriesAlong(
  columns: ColumnInfo[],
  groups: number[][],
): CarryRelation[] {
  const movable = columns.filter(
    (c) =>
      (c.type === 'number' || c.type === 'datetime') &&
      c.kind !== 'identifier' &&
      c.distinct >= 3,
  );
  const found: CarryRelation[] = [];
  for (const target of movable) {
    const best = movable
      .filter((source) => source !== target && source.type === target.type)
      .map((source) => ({ source, share: carryShare(target, source, groups) }))
      .filter((s) => s.share >= CARRIES)
      .sort((a, b) => b.share - a.share)[0];
    if (best) found.push({ target: target.name, source: best.source.name });
  }
  return found;
}

function carryShare(
  target: ColumnInfo,
  source: ColumnInfo,
  groups: number[][],
): number {
  let pairs = 0;
  let carried = 0;
  let same = 0;
  for (const rows of groups) {
    for (let k = 1; k < rows.length; k++) {
      const [before, now] = [rows[k - 1], rows[k]];
      if (target.raw[now] === '' || source.raw[before] === '') continue;
      pairs++;
      if (target.raw[now] === source.raw[before]) carried++;
      if (target.raw[now] === source.raw[now]) same++;
    }
  }
  if (pairs < ENOUGH_ROWS || same > pairs / 2) return 0;
  return carried / pairs;
}

/** Number and date-time columns the file is sorted on, datetimes first. */
export function findOrder(columns: ColumnInfo[]): OrderRelation | undefined {
  const sortable = columns
    .filter(
      (c) => (c.type === 'number' || c.type === 'datetime') && c.distinct >= 3,
    )
    .sort(
      (a, b) => Number(b.type === 'datetime') - Number(a.type === 'datetime'),
    );
  for (const c of sortable) {
    const direction = sortedDirection(c.values);
    if (direction !== 0) return { by: c.name, descending: direction < 0 };
  }
  return undefined;
}

/** 1 when the finite values never fall, -1 when they never rise, else 0. */
function sortedDirection(values: number[]): number {
  const finite = values.filter(Number.isFinite);
  if (finite.length < ENOUGH_ROWS) return 0;
  let rises = true;
  let falls = true;
  for (let i = 1; i < finite.length; i++) {
    if (finite[i] < finite[i - 1]) rises = false;
    if (finite[i] > finite[i - 1]) falls = false;
  }
  if (rises && !falls) return 1;
  if (falls && !rises) return -1;
  return 0;
}

/**
 * Whole-number columns that count up by one in written order, each value
 * shared by a run of rows, like a packet id.
 */
export function findSequences(columns: ColumnInfo[]): SequenceRelation[] {
  return columns
    .filter(
      (c) =>
        c.kind === 'integer' && c.emptyShare === 0 && c.placeholderShare === 0,
    )
    .flatMap((c) => {
      const v = c.values;
      let steps = 0;
      for (let i = 1; i < v.length; i++) {
        const step = v[i] - v[i - 1];
        if (step < 0 || step > 1) return [];
        steps += step;
      }
      if (steps < 2) return [];
      return [
        {
          column: c.name,
          every: Math.max(1, Math.round(v.length / (steps + 1))),
        },
      ];
    });
}
