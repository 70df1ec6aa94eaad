/**
 * How closely a mock follows its sample, as scores from 0 (nothing alike)
 * to 1 (alike), so that a reader sees at a glance which columns drift.
 *
 * A column scores 1 minus a distance between its sample's and its mock's
 * distributions; a pair of number columns, how closely the mock keeps
 * their rank correlation (see pair-fidelity.ts); a relation, the share of
 * checked rows on which it held. A file scores the mean of three means,
 * of its columns, of its pairs and of its relations, each that it has:
 * twenty number columns make 190 pairs, which would otherwise drown the
 * columns and relations. The run scores the mean of its file scores, so
 * that a file with many columns does not outweigh one with few.
 *
 * Distances on numbers, datetimes and lengths are measured on the
 * profiles' samples of at most 2,000 values, so even a faithful column
 * scores about 0.97 rather than 1, or 0.95 against a sample file of a few
 * hundred rows. Number columns are compared by value, identifiers too:
 * as the mock draws new ones, their score reflects the range of their
 * digits and how rows gather on a few entities, not the values.
 */

import type { ColumnComparison } from './compare';
import type { RelationResult } from './model';
import type { PairFidelity } from './pair-fidelity';
import type { ColumnProfile } from './profile';
import { parseDatetime, parseNumber, secondOfDay } from './values';

/** A score below this marks a column, relation or file as drifting. */
export const DRIFT_BELOW = 0.8;

/**
 * A side whose listed top values hold at least this share of its
 * non-empty values is described by them well enough to compare category
 * by category. Below it, the values lumped as "other" would decide the
 * distance, and it would say little.
 */
const LISTED_SHARE = 0.8;

/**
 * A side with at least this many distinct values per non-empty value holds
 * identifiers or free text rather than categories.
 */
const DISTINCT_SHARE = 0.9;

/**
 * A column is compared by its numbers (or datetimes) when at least this
 * share of each side's values read as such, so that one with a
 * placeholder such as `-` or `n/a` for "none" still is.
 */
const READ_SHARE = 0.5;

/**
 * How a column was scored:
 * - `values`: columns of numbers, by the Kolmogorov-Smirnov statistic.
 * - `time-of-day`: columns of datetimes, by the same statistic on the
 *   seconds within the day.
 * - `categories`: other columns whose values are mostly a few frequent
 *   ones, by the total variation distance between the shares of the
 *   values listed on either side, "other" and empty.
 * - `lengths`: other columns with too many values to compare one by one,
 *   such as identifiers, names and free text, by the Kolmogorov-Smirnov
 *   statistic on the lengths of the values.
 * - `missing-from-mock`, `only-in-mock`: the column is in one file only;
 *   it scores 0.
 * - `empty`: no value in either file; not scored.
 */
export type ColumnMethod =
  | 'values'
  | 'time-of-day'
  | 'categories'
  | 'lengths'
  | 'missing-from-mock'
  | 'only-in-mock'
  | 'empty';

/** The methods that measure a distance. */
type Measure = 'values' | 'time-of-day' | 'categories' | 'lengths';

/** The shape score of one column. */
export interface ColumnFidelity {
  name: string;
  method: ColumnMethod;
  /** 1 minus the distance; null when the column is not scored. */
  score: number | null;
}

/** How often one declared relation held. */
export interface RelationFidelity {
  name: string;
  description: string;
  /** Held out of checked rows; null when no row was checked. */
  score: number | null;
}

/** The scores of one file. */
export interface FileFidelity {
  role: string;
  /**
   * The mean of the mean column score, the mean pair score and the mean
   * relation score, of those the file has (null scores left out); null
   * when it has none.
   */
  score: number | null;
  /** In the order of the columns given. */
  columns: ColumnFidelity[];
  /** Pairs of number columns, in header order. */
  pairs: PairFidelity[];
  relations: RelationFidelity[];
}

/** The scores of a whole run; plain data, safe to serialise. */
export interface FidelityReport {
  /** The mean of the file scores that are not null; else null. */
  score: number | null;
  files: FileFidelity[];
}

/**
 * Scores every file of a run from its column comparisons and the relations
 * checked on it, matched to files by role.
 *
 * @throws RangeError when a relation names a file that is not given, which
 *   would mean the report model was put together wrongly.
 */
export function fidelity(
  files: {
    role: string;
    columns: ColumnComparison[];
    pairs?: PairFidelity[];
  }[],
  relations: RelationResult[],
): FidelityReport {
  const roles = new Set(files.map((f) => f.role));
  const stray = relations.find((r) => !roles.has(r.file));
  if (stray) {
    throw new RangeError(
      `relation "${stray.name}" names file "${stray.file}", expected one of ${[...roles].join(', ')}`,
    );
  }

  const scored = files.map((file) =>
    fileFidelity(
      file.role,
      file.columns,
      relations.filter((r) => r.file === file.role),
      file.pairs,
    ),
  );
  return { score: mean(scored.map((f) => f.score)), files: scored };
}

/**
 * Scores one file: each column and relation, and the mean of the means of
 * columns, pairs and relations.
 */
export function fileFidelity(
  role: string,
  columns: ColumnComparison[],
  relations: RelationResult[],
  pairs: PairFidelity[] = [],
): FileFidelity {
  const columnScores = columns.map(columnFidelity);
  const relationScores = relations.map((r) => ({
    name: r.name,
    description: r.description,
    score: r.checked === 0 ? null : r.held / r.checked,
  }));
  const scoresOf = (items: { score: number | null }[]) =>
    mean(items.map((s) => s.score));
  return {
    role,
    score: mean([
      scoresOf(columnScores),
      scoresOf(pairs),
      scoresOf(relationScores),
    ]),
    columns: columnScores,
    pairs,
    relations: relationScores,
  };
}

/**
 * Scores one column. Empty cells take part everywhere: as a value below
 * all others for the Kolmogorov-Smirnov statistic and as a category of
 * their own for the total variation distance, so a mock that leaves a
 * column empty more or less often than its sample scores lower for it.
 */
export function columnFidelity(column: ColumnComparison): ColumnFidelity {
  const { name, sample, mock } = column;
  if (!mock) return { name, method: 'missing-from-mock', score: 0 };
  if (!sample) return { name, method: 'only-in-mock', score: 0 };

  const method = methodOf(sample, mock);
  if (method === 'empty') return { name, method, score: null };
  return { name, method, score: 1 - distanceOf(method, sample, mock) };
}

// Numbers are tried first, as the profiler does, so that a column of
// whole seconds is not taken for anything else.
function methodOf(
  sample: ColumnProfile,
  mock: ColumnProfile,
): Measure | 'empty' {
  const sides = [sample, mock].filter((p) => p.kind !== 'empty');
  if (sides.length === 0) return 'empty';
  if (sides.every(readsAsNumbers)) return 'values';
  if (sides.every((p) => readShare(p, parseDatetime) >= READ_SHARE)) {
    return 'time-of-day';
  }

  // Identifiers and free text: which values occur says nothing, only
  // what they look like. Otherwise either side listing most of its values
  // is enough for categories: when the mock spreads a sample's few values
  // over many, or gathers a sample's many into a few, the shares of the
  // few side's values show it. Names that repeat but are too many to
  // list are left to their lengths, like identifiers.
  if (sides.every(nearlyDistinct)) return 'lengths';
  return sides.some(listsMost) ? 'categories' : 'lengths';
}

function distanceOf(
  method: Measure,
  sample: ColumnProfile,
  mock: ColumnProfile,
): number {
  const empties = [emptyOf(sample), emptyOf(mock)] as const;
  switch (method) {
    case 'values':
      return ksStatistic(
        pointsOf(sample, parseNumber),
        pointsOf(mock, parseNumber),
        ...empties,
      );
    case 'time-of-day':
      // A sample and its mock lie on different dates, often years apart,
      // so on one time line they would not overlap and every datetime
      // column would score 0. What the generator reproduces, and what a
      // reader can judge, is when in the day things happen.
      return ksStatistic(
        pointsOf(sample, timeOfDay),
        pointsOf(mock, timeOfDay),
        ...empties,
      );
    case 'categories':
      return categoryDistance(sample, mock);
    case 'lengths':
      return ksStatistic(
        sample.raw.map((v) => [...v].length),
        mock.raw.map((v) => [...v].length),
        ...empties,
      );
  }
}

/**
 * True when enough of a column's values read as numbers for it to be
 * compared by them, placeholders such as `-` apart.
 */
export function readsAsNumbers(profile: ColumnProfile): boolean {
  return readShare(profile, parseNumber) >= READ_SHARE;
}

function readShare(
  profile: ColumnProfile,
  read: (text: string) => number | null,
): number {
  if (profile.raw.length === 0) return 0;
  const readable = profile.raw.filter((v) => read(v) !== null);
  return readable.length / profile.raw.length;
}

// A value that does not read, such as a placeholder, counts as one value
// below all that do (and above empty cells).
function pointsOf(
  profile: ColumnProfile,
  read: (text: string) => number | null,
): number[] {
  return profile.raw.map((v) => read(v) ?? -Infinity);
}

function timeOfDay(text: string): number | null {
  const epoch = parseDatetime(text);
  return epoch === null ? null : secondOfDay(epoch);
}

function nearlyDistinct(profile: ColumnProfile): boolean {
  return profile.distinct >= (profile.count - profile.empty) * DISTINCT_SHARE;
}

function listsMost(profile: ColumnProfile): boolean {
  const values = profile.count - profile.empty;
  const listed = profile.top.reduce((total, t) => total + t.count, 0);
  return values > 0 && listed >= values * LISTED_SHARE;
}

/**
 * The two-sample Kolmogorov-Smirnov statistic: the largest gap between the
 * two empirical distribution functions, ties counted on both sides at
 * once. Each side may also have a share of empty cells, counted as one
 * value below all others (-Infinity included); the values then share the
 * rest. A side with no values is all empty, whatever its share says. With
 * no empty cells this is the textbook statistic.
 *
 * @example
 * ksStatistic([1, 2, 3, 4], [3, 4, 5, 6]); // 0.5
 * @throws RangeError when an empty share is not between 0 and 1.
 */
export function ksStatistic(
  a: readonly number[],
  b: readonly number[],
  emptyA = 0,
  emptyB = 0,
): number {
  for (const share of [emptyA, emptyB]) {
    if (!(share >= 0 && share <= 1)) {
      throw new RangeError(`empty share: expected 0..1, got ${share}`);
    }
  }

  // Compared rather than subtracted: -Infinity minus itself is NaN.
  const ascending = (p: number, q: number) => (p < q ? -1 : p > q ? 1 : 0);
  const x = [...a].sort(ascending);
  const y = [...b].sort(ascending);
  const below = (empty: number, seen: number, n: number): number =>
    n === 0 ? 1 : empty + ((1 - empty) * seen) / n;
  let i = 0;
  let j = 0;
  let gap = Math.abs(below(emptyA, 0, x.length) - below(emptyB, 0, y.length));
  while (i < x.length || j < y.length) {
    const next = Math.min(x[i] ?? Infinity, y[j] ?? Infinity);
    while (x[i] === next) i += 1;
    while (y[j] === next) j += 1;
    const at = below(emptyA, i, x.length) - below(emptyB, j, y.length);
    gap = Math.max(gap, Math.abs(at));
  }
  return gap;
}

/**
 * The total variation distance (half the sum of absolute differences)
 * between two columns' shares of rows over: each value listed on either
 * side, empty, and "other" for the rest of each side. A value the other
 * side does not list counts as 0 there and its rows stay in that side's
 * "other". Exact when each side lists all its values; otherwise an
 * estimate, which is why only columns with few frequent values are
 * scored this way.
 */
export function categoryDistance(
  sample: ColumnProfile,
  mock: ColumnProfile,
): number {
  const s = sharesOf(sample);
  const m = sharesOf(mock);
  const values = new Set([...s.listed.keys(), ...m.listed.keys()]);
  let sum = Math.abs(s.empty - m.empty) + Math.abs(s.other - m.other);
  for (const value of values) {
    sum += Math.abs((s.listed.get(value) ?? 0) - (m.listed.get(value) ?? 0));
  }
  return sum / 2;
}

/** A file's shares of rows: of each listed value, the rest, and empty. */
function sharesOf(profile: ColumnProfile): {
  listed: Map<string, number>;
  other: number;
  empty: number;
} {
  const rows = profile.count;
  if (rows === 0) return { listed: new Map(), other: 0, empty: 1 };

  const inTop = profile.top.reduce((total, t) => total + t.count, 0);
  return {
    listed: new Map(profile.top.map((t) => [t.value, t.count / rows])),
    other: (rows - profile.empty - inTop) / rows,
    empty: profile.empty / rows,
  };
}

/** Empty cells out of rows; a file with no rows counts as all empty. */
function emptyOf(profile: ColumnProfile): number {
  return profile.count === 0 ? 1 : profile.empty / profile.count;
}

function mean(scores: (number | null)[]): number | null {
  const present = scores.filter((s): s is number => s !== null);
  if (present.length === 0) return null;
  return present.reduce((total, s) => total + s, 0) / present.length;
}
