import { dayOf, SECONDS_PER_DAY } from '../core/datetime';
import type { ColumnInfo } from './kinds';

/** A date-time that comes a short while after another, such as an upload. */
export interface FollowingTime {
  column: string;
  after: string;
}

/** How a file's date-time columns are drawn. */
export interface TimePlan {
  /** Drawn from the sample's time-of-day profile, rising per entity. */
  drawn: string[];
  /** Each a lag after a drawn column. */
  following: FollowingTime[];
}

/**
 * Date-times spread wider than this (between the 5th and 95th
 * percentiles) are dates of their own, such as a licence's expiry, and
 * keep the sample's dates rather than moving to the mock day.
 */
const DAY_BOUND = 7 * SECONDS_PER_DAY;

/** Whether a date-time column tells when on the data day things happen. */
export function isDayBound(c: ColumnInfo): boolean {
  const t = c.values.filter(Number.isFinite).sort((a, b) => a - b);
  if (t.length === 0) return true;
  const at = (q: number) => t[Math.min(t.length - 1, Math.floor(q * t.length))];
  return at(0.95) - at(0.05) <= DAY_BOUND;
}

/** Share of rows on which one date-time must not come before another. */
const NOT_BEFORE = 0.99;

/**
 * Chooses which date-times to draw and which follow: a column that is
 * never before another and within a day of it follows it; of a chain,
 * the earliest column is drawn. Carried columns are left out.
 */
export function planTimes(
  columns: ColumnInfo[],
  carried: Set<string>,
): TimePlan {
  const times = columns.filter(
    (c) => c.type === 'datetime' && !carried.has(c.name) && isDayBound(c),
  );
  const drawn: string[] = [];
  const following: FollowingTime[] = [];
  const byEarliest = [...times].sort(
    (a, b) => followersOf(b, times).length - followersOf(a, times).length,
  );
  for (const column of byEarliest) {
    if (following.some((f) => f.column === column.name)) continue;
    drawn.push(column.name);
    for (const later of followersOf(column, times)) {
      if (drawn.includes(later.name)) continue;
      if (following.some((f) => f.column === later.name)) continue;
      following.push({ column: later.name, after: column.name });
    }
  }
  return {
    drawn: times.map((c) => c.name).filter((n) => drawn.includes(n)),
    following,
  };
}

function followersOf(column: ColumnInfo, times: ColumnInfo[]): ColumnInfo[] {
  return times.filter((other) => other !== column && follows(column, other));
}

function follows(earlier: ColumnInfo, later: ColumnInfo): boolean {
  let checked = 0;
  let held = 0;
  for (let r = 0; r < earlier.values.length; r++) {
    const [a, b] = [earlier.values[r], later.values[r]];
    if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
    checked++;
    if (b >= a && b - a < SECONDS_PER_DAY) held++;
  }
  return checked > 0 && held >= NOT_BEFORE * checked;
}

/**
 * The day the sample is about: the most common date of its date-time
 * cells, as YYYY-MM-DD; undefined without date-times.
 */
export function dataDay(columns: ColumnInfo[]): string | undefined {
  const counts = new Map<string, number>();
  for (const c of columns) {
    // Times of day alone name no day.
    if (c.type !== 'datetime' || !c.format?.includes('YY')) continue;
    for (const t of c.values) {
      if (!Number.isFinite(t)) continue;
      const day = dayOf(t);
      counts.set(day, (counts.get(day) ?? 0) + 1);
    }
  }
  return [...counts].sort(
    (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1),
  )[0]?.[0];
}
