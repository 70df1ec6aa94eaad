/**
 * Reading and writing the cell values the profiler recognises: plain
 * decimal numbers and datetimes. Datetimes without a zone are read as UTC,
 * so the same file profiles the same on every machine; they are handled as
 * epoch milliseconds without `Date`, which keeps the results independent of
 * the host's time zone.
 */

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

// 2020-09-10, 2020-09-10 22:05:11, 2020-09-09 22:17:17.255000000,
// 2020-09-10T22:05:11Z and 2020-09-10T22:05:11+02:00.
const DATETIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

const MS_PER_DAY = 86_400_000;
const MS_PER_HOUR = 3_600_000;

/**
 * Reads a cell as a decimal number. Returns null for anything else,
 * including the forms `Number()` would accept but a CSV export would not
 * mean as numbers: blanks, hexadecimal, `Infinity`.
 */
export function parseNumber(text: string): number | null {
  if (!NUMBER.test(text)) return null;

  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

/**
 * Reads a cell as a datetime and returns epoch milliseconds (UTC unless the
 * text carries a zone). Fractions finer than a millisecond are truncated.
 * Returns null for text that is not a valid calendar date and time.
 */
export function parseDatetime(text: string): number | null {
  const match = DATETIME.exec(text);
  if (!match) return null;

  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12) return null;
  if (day < 1 || day > daysInMonth(year, month)) return null;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;

  const ms = Number(frac.slice(0, 3).padEnd(3, '0'));
  const time = ((Number(h) * 60 + Number(mi)) * 60 + Number(s)) * 1000 + ms;
  return daysFromCivil(year, month, day) * MS_PER_DAY + time - offsetMs(zone);
}

/**
 * Writes epoch milliseconds as `YYYY-MM-DD HH:MM:SS` in UTC, with `.mmm`
 * only when there are milliseconds. Fractional input is rounded.
 */
export function formatDatetime(epochMs: number): string {
  const rounded = Math.round(epochMs);
  const days = Math.floor(rounded / MS_PER_DAY);
  const { year, month, day } = civilFromDays(days);
  let rest = rounded - days * MS_PER_DAY;
  const ms = rest % 1000;
  rest = (rest - ms) / 1000;
  const sec = rest % 60;
  rest = (rest - sec) / 60;
  const min = rest % 60;
  const hour = (rest - min) / 60;

  const date = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
  const time = `${pad(hour, 2)}:${pad(min, 2)}:${pad(sec, 2)}`;
  return ms === 0 ? `${date} ${time}` : `${date} ${time}.${pad(ms, 3)}`;
}

/**
 * The hour of the day (0..23) of epoch milliseconds, in UTC. For a
 * datetime read without a zone that is the hour written in the file; one
 * with a zone counts at its UTC hour.
 */
export function hourOfDay(epochMs: number): number {
  const intoDay = ((epochMs % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY;
  return Math.floor(intoDay / MS_PER_HOUR);
}

/**
 * The seconds since midnight (0 up to 86,400, with milliseconds as a
 * fraction) of epoch milliseconds, in UTC, as {@link hourOfDay} counts
 * hours.
 */
export function secondOfDay(epochMs: number): number {
  return (((epochMs % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY) / 1000;
}

function offsetMs(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z') return 0;

  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
  return sign * minutes * 60_000;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

// Days since 1970-01-01 for a proleptic Gregorian date, and back; the
// well-known era-based algorithms, valid far beyond any telematics export.
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function civilFromDays(days: number): {
  year: number;
  month: number;
  day: number;
} {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe -
      Math.floor(doe / 1460) +
      Math.floor(doe / 36_524) -
      Math.floor(doe / 146_096)) /
      365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
