/**
 * How closely a mock keeps the sample's joint behaviour of its number
 * columns: each column may follow its sample's distribution while the
 * columns together do not (long trips that take no time), which the
 * column scores cannot see.
 *
 * A pair of columns scores 1 − |ρ_sample − ρ_mock| / 2, with ρ Spearman's
 * rank correlation: 1 when the mock's columns rise and fall together as
 * much as the sample's, 0.5 when a strong tie is lost, 0 when it is
 * reversed. Ranks rather than values, so that skewed columns are judged
 * by how they move together and not by their outliers.
 */

import { spearman } from '../stats/spearman';
import type { ColumnComparison } from './compare';
import { readsAsNumbers } from './fidelity';
import { parseNumber } from './values';

/** The correlation score of two number columns. */
export interface PairFidelity {
  a: string;
  b: string;
  /** Spearman's ρ on the sample's rows. */
  sample: number;
  /**
   * Spearman's ρ on the mock's rows; null when it is not defined there
   * (a column with one value), which scores as no correlation.
   */
  mock: number | null;
  score: number;
}

/** Rows of one file with their header, as a profiler keeps them. */
export interface RowSample {
  header(): readonly string[];
  rows(): readonly (readonly string[])[];
}

/**
 * Scores every pair of columns that are numbers in the sample (mostly:
 * a placeholder such as `-` may stand for none) and present in the mock,
 * in header order, on the rows where both values read as numbers. A pair
 * whose sample correlation is not defined (a column with one value, as
 * thresholds often have) has nothing to keep and is left out.
 */
export function pairFidelity(
  columns: readonly ColumnComparison[],
  sample: RowSample,
  mock: RowSample,
): PairFidelity[] {
  const names = columns
    .filter((c) => c.sample && c.mock && readsAsNumbers(c.sample))
    .map((c) => c.name);
  const out: PairFidelity[] = [];
  for (let i = 0; i < names.length; i += 1) {
    for (let j = i + 1; j < names.length; j += 1) {
      const pair = scorePair(names[i], names[j], sample, mock);
      if (pair) out.push(pair);
    }
  }
  return out;
}

function scorePair(
  a: string,
  b: string,
  sample: RowSample,
  mock: RowSample,
): PairFidelity | null {
  const inSample = correlationOf(a, b, sample);
  if (inSample === null) return null;

  const inMock = correlationOf(a, b, mock);
  const score = 1 - Math.abs(inSample - (inMock ?? 0)) / 2;
  return { a, b, sample: inSample, mock: inMock, score };
}

/** Spearman's ρ of two columns on the rows where both read as numbers. */
export function correlationOf(
  a: string,
  b: string,
  file: RowSample,
): number | null {
  const ia = file.header().indexOf(a);
  const ib = file.header().indexOf(b);
  if (ia < 0 || ib < 0) return null;

  const x: number[] = [];
  const y: number[] = [];
  for (const row of file.rows()) {
    const va = parseNumber(row[ia] ?? '');
    const vb = parseNumber(row[ib] ?? '');
    if (va === null || vb === null) continue;
    x.push(va);
    y.push(vb);
  }
  return spearman(x, y);
}
