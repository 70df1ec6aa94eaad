import { evaluate, parseExpression, truthy, type Row } from '../core/expr';
import type { ColumnType } from './typed';
import { nameRef } from './typed';

/**
 * Arithmetic among the columns of one file that holds on every row: a
 * column that is the sum of two others, and a percentage (or share) of
 * one column over another, rounded as written.
 */

export interface Sum {
  parts: [string, string];
  total: string;
}

export interface Ratio {
  column: string;
  numerator: string;
  denominator: string;
  /** The expression that computes it, guarding a zero denominator. */
  expr: string;
}

const ctx = { random: () => 0 };

/** Number columns that hold a number in every row. */
function numeric(types: ColumnType[], rows: Row[]): string[] {
  return types
    .filter((t) => t.type === 'number')
    .map((t) => t.name)
    .filter((name) => rows.every((row) => typeof row[name] === 'number'));
}

/** Every a + b = c among the number columns; a and b not all zero. */
export function findSums(types: ColumnType[], rows: Row[]): Sum[] {
  const names = numeric(types, rows).filter((n) =>
    rows.some((row) => row[n] !== 0),
  );
  const value = (row: Row, n: string) => row[n] as number;
  const out: Sum[] = [];
  names.forEach((a, i) => {
    for (const b of names.slice(i + 1)) {
      for (const c of names) {
        if (c === a || c === b) continue;
        const holds = rows.every(
          (row) => value(row, a) + value(row, b) === value(row, c),
        );
        if (holds) out.push({ parts: [a, b], total: c });
      }
    }
  });
  return out;
}

/** Multipliers a ratio column may carry: a percentage or a share. */
const SCALES = [100, 1];

/**
 * Columns written with fixed decimals that are a rounded ratio of two
 * other columns on every row, 0 where the denominator is.
 */
export function findRatios(types: ColumnType[], rows: Row[]): Ratio[] {
  const names = numeric(types, rows);
  const out: Ratio[] = [];
  for (const type of types) {
    if (type.decimals === undefined || !names.includes(type.name)) continue;
    const ratio = ratioOf(type.name, type.decimals, names, rows);
    if (ratio) out.push(ratio);
  }
  return out;
}

function ratioOf(
  column: string,
  decimals: number,
  names: string[],
  rows: Row[],
): Ratio | undefined {
  const others = names.filter((n) => n !== column);
  const at = (row: Row, n: string) => row[n] as number;
  for (const denominator of others) {
    const zero = rows.some((row) => at(row, denominator) === 0);
    for (const numerator of others) {
      if (numerator === denominator) continue;
      for (const scale of SCALES) {
        const holds = rows.every((row) =>
          roundsTo(
            at(row, column),
            at(row, numerator),
            at(row, denominator),
            scale,
            decimals,
          ),
        );
        if (!holds) continue;
        const a = nameRef(numerator);
        const b = nameRef(denominator);
        const times = scale === 1 ? '' : `${scale} * `;
        const core = `round(${times}${a} / ${b}, ${decimals})`;
        const expr = zero ? `if(${b} == 0, 0, ${core})` : core;
        return { column, numerator, denominator, expr };
      }
    }
  }
  return undefined;
}

/**
 * True when `value` is scale * a / b rounded to `decimals` places, 0 when
 * b is. A ratio exactly halfway may have been rounded either way (to
 * even, as many report writers do); the mock rounds half away from zero.
 */
function roundsTo(
  value: number,
  a: number,
  b: number,
  scale: number,
  decimals: number,
): boolean {
  if (b === 0) return value === 0;
  const f = 10 ** decimals;
  const x = (scale * a * f) / b;
  const written = Math.round(value * f);
  if (Math.abs(written - value * f) > 1e-6) return false;
  if (written === Math.round(x + Math.sign(x) * 1e-9)) return true;
  const halfway = Math.abs(Math.abs(x - Math.trunc(x)) - 0.5) < 1e-9;
  return halfway && Math.abs(written - x) < 0.5 + 1e-9;
}

/** True when a check holds on every row. */
export function holdsOnAll(check: string, rows: Row[]): boolean {
  const node = parseExpression(check);
  return rows.every((row) => {
    try {
      return truthy(evaluate(node, row, ctx));
    } catch {
      return false;
    }
  });
}
