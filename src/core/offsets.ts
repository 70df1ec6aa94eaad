/**
 * UTC offsets written beside wall-clock date-times. Values stay local (see
 * core/datetime.ts); the offset a value is written with comes from a
 * schedule over the time of day, so a sample whose clocks changed during
 * the day (`+01:00` until 02:00, `+02:00` from 03:00) is written the same
 * way on every mock day.
 */

/** Offsets (`+02:00`, `-04:00` or `Z`) by the local time they start at. */
export type OffsetSchedule = Record<string, string>;

/** How an offset is written in a sample: `Z` or `+HH:MM`. */
export const OFFSET = /(Z|[+-]\d\d:\d\d)$/;

/**
 * What Z writes without a schedule: `Z` for UTC, so a layout that ends
 * in a bare Z still writes the letter.
 */
const UTC = 'Z';

const SECONDS_PER_DAY = 86400;

/** Seconds since midnight of a `HH:mm:ss` time of day. */
function secondsOf(clock: string): number {
  const [h, m, s] = clock.split(':').map(Number);
  return h * 3600 + m * 60 + s;
}

/** A schedule's starts in seconds, rising; built once per schedule. */
const compiled = new WeakMap<
  OffsetSchedule,
  { at: number; offset: string }[]
>();

function startsOf(schedule: OffsetSchedule): { at: number; offset: string }[] {
  let starts = compiled.get(schedule);
  if (!starts) {
    starts = Object.entries(schedule)
      .map(([clock, offset]) => ({ at: secondsOf(clock), offset }))
      .sort((a, b) => a.at - b.at);
    compiled.set(schedule, starts);
  }
  return starts;
}

/**
 * The offset in force at a wall-clock time: that of the latest start at
 * or before its time of day; before the first start, the last one's, as
 * it carries on from the day before.
 */
export function offsetAt(seconds: number, schedule?: OffsetSchedule): string {
  if (!schedule) return UTC;
  const starts = startsOf(schedule);
  if (starts.length === 0) return UTC;
  const inDay =
    ((Math.floor(seconds) % SECONDS_PER_DAY) + SECONDS_PER_DAY) %
    SECONDS_PER_DAY;
  for (let i = starts.length - 1; i >= 0; i--) {
    if (starts[i].at <= inDay) return starts[i].offset;
  }
  return starts[starts.length - 1].offset;
}
