/**
 * Pairs the column profiles of a sample and its mock and puts both on one
 * scale, so the report can chart them side by side.
 */

import type { ColumnProfile } from './profile';
import { hourOfDay } from './values';

/**
 * Chart data for one column; every series holds shares (0..1) rather than
 * counts, so files of different sizes compare. A series is null when that
 * side has no values to show (column missing or empty).
 *
 * - `histogram`: number columns on both sides; `edges` has one more entry
 *   than each series, bins are closed on the left, the last also on the
 *   right. Shares come from each side's sample.
 * - `timeOfDay`: datetime columns on both sides; 24 shares, one per hour
 *   of the day (hour 0 first). Dates are left out because a sample and its
 *   mock usually cover different days or years, and on one shared date
 *   axis each file would be a single spike at its own end.
 * - `categories`: any other pair; the union of both sides' top values.
 *   A share is null when the value is not among that side's top values and
 *   the side has more distinct values than it lists (unknown, not zero).
 * - `spread`: a pair that would be `categories`, but where either side
 *   lists only part of its distinct values and these are so many, or the
 *   listed ones so rare, that bars would be near empty; each side's
 *   distinct count and the share of its listed values instead.
 * - `none`: nothing worth drawing; `reason` is `empty` when neither side
 *   has a non-empty value, `distinct` when every counted value of each
 *   side occurs once (an identifier), where bars would all be one row high.
 */
export type ColumnChart =
  | {
      type: 'histogram';
      edges: number[];
      sample: number[] | null;
      mock: number[] | null;
    }
  | {
      type: 'timeOfDay';
      sample: number[] | null;
      mock: number[] | null;
    }
  | {
      type: 'categories';
      labels: string[];
      sample: (number | null)[] | null;
      mock: (number | null)[] | null;
    }
  | {
      type: 'spread';
      sample: ValueSpread | null;
      mock: ValueSpread | null;
    }
  | { type: 'none'; reason: 'empty' | 'distinct' };

/** How one side's non-empty values spread over distinct values. */
export interface ValueSpread {
  /** Non-empty values. */
  values: number;
  /** Distinct values; a lower bound when `capped`. */
  distinct: number;
  capped: boolean;
  /** How many most frequent values the profile lists. */
  listed: number;
  /** The share of non-empty values that are one of the listed ones. */
  listedShare: number;
}

/**
 * A side whose distinct values exceed this share of its non-empty values
 * has too many values for a bar chart of its top ones.
 */
const SPREAD_DISTINCT_SHARE = 0.5;

/**
 * A side whose listed values together hold less than this share of its
 * non-empty values would draw bars too short to read.
 */
const SPREAD_LISTED_SHARE = 0.2;

/** One column as seen in the sample and in the mock. */
export interface ColumnComparison {
  name: string;
  /** Null when the column is only in the mock. */
  sample: ColumnProfile | null;
  /** Null when the column is only in the sample. */
  mock: ColumnProfile | null;
  chart: ColumnChart;
}

/**
 * Matches columns by name: the sample's order first, then columns found
 * only in the mock. Histograms share `bins` equal bins over the union of
 * both sides' min..max (one bin when that range is a single value).
 *
 * @throws RangeError when bins is not a positive integer.
 */
export function compareProfiles(
  sample: ColumnProfile[],
  mock: ColumnProfile[],
  bins = 20,
): ColumnComparison[] {
  if (!Number.isInteger(bins) || bins < 1) {
    throw new RangeError('bins: expected a positive integer');
  }

  const mockByName = new Map(mock.map((p) => [p.name, p]));
  const sampleNames = new Set(sample.map((p) => p.name));
  const pairs: [ColumnProfile | null, ColumnProfile | null][] = [
    ...sample.map((s): [ColumnProfile, ColumnProfile | null] => [
      s,
      mockByName.get(s.name) ?? null,
    ]),
    ...mock
      .filter((m) => !sampleNames.has(m.name))
      .map((m): [null, ColumnProfile] => [null, m]),
  ];

  return pairs.map(([s, m]) => ({
    name: (s ?? m)!.name,
    sample: s,
    mock: m,
    chart: chartOf(withValues(s), withValues(m), bins),
  }));
}

function withValues(profile: ColumnProfile | null): ColumnProfile | null {
  return profile && profile.kind !== 'empty' ? profile : null;
}

function chartOf(
  sample: ColumnProfile | null,
  mock: ColumnProfile | null,
  bins: number,
): ColumnChart {
  const present = [sample, mock].filter((p) => p !== null);
  if (present.length === 0) return { type: 'none', reason: 'empty' };

  const kind = present[0].kind;
  const sameKind = present.every((p) => p.kind === kind);
  if (sameKind && kind === 'number') {
    const lo = Math.min(...present.map((p) => p.min as number));
    const hi = Math.max(...present.map((p) => p.max as number));
    const edges = binEdges(lo, hi, bins);
    return {
      type: 'histogram',
      edges,
      sample: sample && histogram(sample.sample, edges),
      mock: mock && histogram(mock.sample, edges),
    };
  }
  if (sameKind && kind === 'datetime') {
    return {
      type: 'timeOfDay',
      sample: sample && hourShares(sample.sample),
      mock: mock && hourShares(mock.sample),
    };
  }

  if (present.every((p) => p.top[0].count === 1)) {
    return { type: 'none', reason: 'distinct' };
  }

  const spread = {
    sample: sample && spreadOf(sample),
    mock: mock && spreadOf(mock),
  };
  if ([spread.sample, spread.mock].some((s) => s && tooSpread(s))) {
    return { type: 'spread', ...spread };
  }

  const labels = unionOfTop(present);
  return {
    type: 'categories',
    labels,
    sample: sample && categoryShares(sample, labels),
    mock: mock && categoryShares(mock, labels),
  };
}

function binEdges(lo: number, hi: number, bins: number): number[] {
  if (lo === hi) return [lo, hi];

  const edges = [lo];
  for (let i = 1; i < bins; i += 1) edges.push(lo + ((hi - lo) * i) / bins);
  edges.push(hi);
  return edges;
}

function histogram(values: number[], edges: number[]): number[] {
  const bins = edges.length - 1;
  const counts = new Array<number>(bins).fill(0);
  if (values.length === 0) return counts;

  const lo = edges[0];
  const span = edges[bins] - lo;
  for (const value of values) {
    // Multiply before dividing so values on an edge land exactly on it.
    const at = span === 0 ? 0 : Math.floor(((value - lo) * bins) / span);
    counts[Math.min(Math.max(at, 0), bins - 1)] += 1;
  }
  return counts.map((c) => c / values.length);
}

function hourShares(epochs: number[]): number[] {
  const counts = new Array<number>(24).fill(0);
  if (epochs.length === 0) return counts;

  for (const epoch of epochs) counts[hourOfDay(epoch)] += 1;
  return counts.map((c) => c / epochs.length);
}

function spreadOf(profile: ColumnProfile): ValueSpread {
  const values = profile.count - profile.empty;
  const listed = profile.top.reduce((total, t) => total + t.count, 0);
  return {
    values,
    distinct: profile.distinct,
    capped: profile.capped,
    listed: profile.top.length,
    listedShare: listed / values,
  };
}

// A side that lists all its values draws its whole distribution, which
// reads well however few rows each value has.
function tooSpread(spread: ValueSpread): boolean {
  const complete = !spread.capped && spread.listed === spread.distinct;
  if (complete) return false;

  return (
    spread.distinct > spread.values * SPREAD_DISTINCT_SHARE ||
    spread.listedShare < SPREAD_LISTED_SHARE
  );
}

// Ordered by the larger known share of either side, then by value, so the
// categories that matter to either file come first.
function unionOfTop(profiles: ColumnProfile[]): string[] {
  const best = new Map<string, number>();
  for (const profile of profiles) {
    const filled = profile.count - profile.empty;
    for (const { value, count } of profile.top) {
      best.set(value, Math.max(best.get(value) ?? 0, count / filled));
    }
  }
  return [...best]
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
    .map(([value]) => value);
}

function categoryShares(
  profile: ColumnProfile,
  labels: string[],
): (number | null)[] {
  const filled = profile.count - profile.empty;
  const counts = new Map(profile.top.map((t) => [t.value, t.count]));
  const complete = !profile.capped && profile.top.length === profile.distinct;
  return labels.map((label) => {
    const count = counts.get(label);
    if (count !== undefined) return count / filled;
    return complete ? 0 : null;
  });
}
