import { parseDateTime } from '../core/datetime';
import { OFFSET, type OffsetSchedule } from '../core/offsets';

const SECONDS_PER_DAY = 86400;

const two = (n: number) => String(n).padStart(2, '0');

/**
 * The offsets a column's values are written with, by the time of day each
 * starts at: the sample's values in order of their time of day, a new
 * entry where the offset changes. A night whose clocks went forward gives
 * `{ "00:00:00": "+01:00", "03:00:00": "+02:00" }`, and the mock writes
 * its times of day with the offsets the sample had at them.
 */
export function offsetSchedule(
  values: string[],
  layout: string,
): OffsetSchedule {
  const seen = values
    .map((v) => ({
      at: parseDateTime(v, layout),
      offset: OFFSET.exec(v)?.[1],
    }))
    .filter((s) => Number.isFinite(s.at) && s.offset !== undefined)
    .map((s) => ({
      at:
        ((Math.floor(s.at) % SECONDS_PER_DAY) + SECONDS_PER_DAY) %
        SECONDS_PER_DAY,
      offset: s.offset!,
    }))
    .sort((a, b) => a.at - b.at);
  // A time of day written with two offsets (the hour repeated when the
  // clocks go back) takes the later one, and a start that changes nothing
  // is left out.
  const byClock = new Map<string, string>();
  for (const { at, offset } of seen) byClock.set(clockOf(at), offset);
  const schedule: OffsetSchedule = {};
  let last: string | undefined;
  for (const [clock, offset] of byClock) {
    if (offset === last) continue;
    schedule[last === undefined ? '00:00:00' : clock] = offset;
    last = offset;
  }
  return schedule;
}

function clockOf(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return `${two(h)}:${two(m)}:${two(seconds % 60)}`;
}
