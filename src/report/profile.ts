/**
 * A one-pass profile of each column of a CSV file, in bounded memory, so
 * that a sample and a mock of any size can be compared in the report.
 */

import { Reservoir } from './reservoir';
import { parseDatetime, parseNumber } from './values';

export type { ColumnChart, ColumnComparison } from './compare';
export { compareProfiles } from './compare';

/**
 * What a column holds, judged from its non-empty values: `number` when all
 * read as decimal numbers, else `datetime` when all read as datetimes, else
 * `text`; `empty` when it has no non-empty value at all.
 */
export type ColumnKind = 'number' | 'datetime' | 'text' | 'empty';

/** A value and how many times it occurred. */
export interface ValueCount {
  value: string;
  count: number;
}

/** The summary of one column; plain data, safe to serialise. */
export interface ColumnProfile {
  name: string;
  kind: ColumnKind;
  /** Rows seen, empty cells included. */
  count: number;
  /** Cells that were the empty string (or missing from a short row). */
  empty: number;
  /** Distinct non-empty values; a lower bound when `capped`. */
  distinct: number;
  /**
   * True when the column had more distinct values than the profiler keeps:
   * `distinct` is then "at least", and `top` counts only the values first
   * seen before the limit was reached.
   */
  capped: boolean;
  /** Number and datetime columns (datetimes as epoch ms); else null. */
  min: number | null;
  mean: number | null;
  max: number | null;
  /** Most frequent non-empty values, most frequent first, ties by value. */
  top: ValueCount[];
  /**
   * A repeatable uniform sample of the parsed non-empty values of a number
   * or datetime column, for histograms; empty for other kinds.
   */
  sample: number[];
  /**
   * The same uniform sample's values as written, for every kind, so that
   * columns of mostly numbers with a placeholder such as `-`, or of
   * identifiers and free text, can be compared too.
   */
  raw: string[];
}

/** Limits that bound the memory of a profiler, per column. */
export interface ProfilerLimits {
  /** Distinct values counted; default 10,000. */
  distinctCap: number;
  /** Values kept for histograms; default 2,000. */
  sampleSize: number;
  /** Values listed in `top`; default 8. */
  topSize: number;
  /** Whole rows kept, for how columns move together; default 2,000. */
  rowSampleSize: number;
}

const DEFAULT_LIMITS: ProfilerLimits = {
  distinctCap: 10_000,
  sampleSize: 2_000,
  topSize: 8,
  rowSampleSize: 2_000,
};

/**
 * Running statistics of one column while it may still be of a kind; it is
 * dropped at the first value that does not parse.
 */
interface Running {
  n: number;
  min: number;
  max: number;
  // Sum of (value - first): exact for the integer epochs of datetimes, where
  // a plain sum would pass 2^53 after a few thousand rows.
  first: number;
  shiftedSum: number;
}

class ColumnState {
  count = 0;
  empty = 0;
  capped = false;
  readonly counts = new Map<string, number>();
  readonly reservoir: Reservoir<string>;
  number: Running | null = newRunning();
  datetime: Running | null = newRunning();

  constructor(
    readonly name: string,
    private readonly limits: ProfilerLimits,
  ) {
    this.reservoir = new Reservoir<string>(limits.sampleSize);
  }

  add(value: string): void {
    this.count += 1;
    if (value === '') {
      this.empty += 1;
      return;
    }

    this.countValue(value);
    this.reservoir.add(value);
    if (this.number) this.number = track(this.number, parseNumber(value));
    if (this.datetime) {
      this.datetime = track(this.datetime, parseDatetime(value));
    }
  }

  private countValue(value: string): void {
    const seen = this.counts.get(value);
    if (seen !== undefined) {
      this.counts.set(value, seen + 1);
    } else if (this.counts.size < this.limits.distinctCap) {
      this.counts.set(value, 1);
    } else {
      this.capped = true;
    }
  }
}

/**
 * Profiles the rows of one CSV file as they stream past. Memory per column
 * is bounded by {@link ProfilerLimits}, whatever the number of rows.
 *
 * @example
 * const profiler = new ColumnProfiler(['SPEED', 'DRIVERNAME']);
 * profiler.add(['64', 'Scott Howard']);
 * profiler.profiles()[0].kind; // 'number'
 */
export class ColumnProfiler {
  private readonly columns: ColumnState[];
  private readonly limits: ProfilerLimits;
  // Each column's own sample skips its empty cells, so the columns'
  // samples come from different rows; pairing values needs whole rows.
  private readonly rowSample: Reservoir<string[]>;

  /**
   * @param columnNames the header, in file order.
   * @param limits overrides of the default per-column limits.
   * @throws RangeError when a limit is not a positive integer.
   */
  constructor(columnNames: string[], limits: Partial<ProfilerLimits> = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
    for (const [key, value] of Object.entries(this.limits)) {
      if (!Number.isInteger(value) || value < 1) {
        throw new RangeError(`${key}: expected a positive integer`);
      }
    }
    this.columns = columnNames.map((n) => new ColumnState(n, this.limits));
    this.rowSample = new Reservoir<string[]>(this.limits.rowSampleSize);
  }

  /**
   * Adds one row of string fields as read from the CSV. A short row counts
   * its missing fields as empty; fields beyond the header are ignored.
   */
  add(row: string[]): void {
    for (let i = 0; i < this.columns.length; i += 1) {
      this.columns[i].add(row[i] ?? '');
    }
    this.rowSample.add(this.columns.map((_, i) => row[i] ?? ''));
  }

  /** The header given, in file order. */
  header(): string[] {
    return this.columns.map((c) => c.name);
  }

  /**
   * A repeatable uniform sample of the rows added so far, whole, each as
   * long as the header: the same files give the same rows.
   */
  rows(): readonly (readonly string[])[] {
    return this.rowSample.values();
  }

  /** The profiles of the rows added so far, in header order. */
  profiles(): ColumnProfile[] {
    return this.columns.map((column) => this.profile(column));
  }

  private profile(column: ColumnState): ColumnProfile {
    const kind = kindOf(column);
    const stats =
      kind === 'number'
        ? column.number
        : kind === 'datetime'
          ? column.datetime
          : null;
    const parse = kind === 'number' ? parseNumber : parseDatetime;
    const raw = [...column.reservoir.values()];
    const sample = stats ? raw.map((v) => parse(v) as number) : [];

    return {
      name: column.name,
      kind,
      count: column.count,
      empty: column.empty,
      distinct: column.counts.size,
      capped: column.capped,
      min: stats ? stats.min : null,
      mean: stats ? stats.first + stats.shiftedSum / stats.n : null,
      max: stats ? stats.max : null,
      top: topValues(column.counts, this.limits.topSize),
      sample,
      raw,
    };
  }
}

function kindOf(column: ColumnState): ColumnKind {
  if (column.count === column.empty) return 'empty';
  if (column.number) return 'number';
  if (column.datetime) return 'datetime';
  return 'text';
}

function newRunning(): Running {
  return { n: 0, min: Infinity, max: -Infinity, first: 0, shiftedSum: 0 };
}

function track(running: Running, value: number | null): Running | null {
  if (value === null) return null;

  if (running.n === 0) running.first = value;
  running.n += 1;
  running.shiftedSum += value - running.first;
  if (value < running.min) running.min = value;
  if (value > running.max) running.max = value;
  return running;
}

// A bounded selection rather than a full sort would save little: the map
// holds at most distinctCap entries and this runs once per column.
function topValues(counts: Map<string, number>, size: number): ValueCount[] {
  return [...counts]
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, size)
    .map(([value, count]) => ({ value, count }));
}
