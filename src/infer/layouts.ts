import { parseDateTime } from '../core/datetime';
import { OFFSET } from '../core/offsets';
import { extent } from './extent';

/**
 * Date-time layouts a column may be written in, in the tokens of
 * core/datetime.ts. Only layouts with separators are tried: a bare
 * YYYYMMDD is as likely to be a count as a date.
 */
const DATES = [
  'YYYY-MM-DD',
  'YYYY/MM/DD',
  'MM/DD/YYYY',
  'DD/MM/YYYY',
  'MM-DD-YYYY',
  'DD.MM.YYYY',
  'MM/DD/YY',
];
const CLOCKS = ['', ' HH:mm:ss', 'THH:mm:ss', ' HH:mm', 'THH:mm'];

/** Plausible years, so that counts and codes are not taken for dates. */
const FIRST_YEAR = 1971;
const LAST_YEAR = 2100;

/**
 * The layout every value fits, or undefined. A fraction of a second gets
 * as many S as it has digits that vary; digits that are zero in every
 * value stay literal, so `.255000000` reads as `SSS[000000]` and the mock
 * keeps the zeros.
 */
export function detectLayout(values: string[]): string | undefined {
  if (values.length === 0) return undefined;
  const fraction = fractionLayout(values);
  if (fraction === null) return undefined;
  const zone = zoneSuffix(values);
  for (const date of DATES) {
    for (const clock of CLOCKS) {
      if (fraction && !clock.includes('ss')) continue;
      const layout = date + clock + fraction + zone;
      if (values.every((v) => plausible(parseDateTime(v, layout)))) {
        return layout;
      }
    }
  }
  return clockLayout(values, fraction + zone);
}

/**
 * Times of day without a date, such as `05:54:23`: the mock writes its
 * own times of day in the same layout.
 */
function clockLayout(values: string[], rest: string): string | undefined {
  for (const clock of ['HH:mm:ss', 'HH:mm']) {
    if (rest && !clock.includes('ss')) continue;
    const layout = clock + rest;
    if (values.every((v) => !Number.isNaN(parseDateTime(v, layout)))) {
      return layout;
    }
  }
  return undefined;
}

function plausible(seconds: number): boolean {
  if (Number.isNaN(seconds)) return false;
  const year = new Date(seconds * 1000).getUTCFullYear();
  return year >= FIRST_YEAR && year <= LAST_YEAR;
}

/** `.SSS[000]` from the values' fractions; '' for none; null if mixed. */
function fractionLayout(values: string[]): string | null {
  const fractions = values.map((v) =>
    /:\d\d[.,](\d+)(Z|[+-]\d\d:?\d\d)?$/.exec(v),
  );
  if (fractions.every((m) => m === null)) return '';
  if (fractions.some((m) => m === null)) return null;
  const digits = fractions.map((m) => m![1]);
  const width = digits[0].length;
  if (digits.some((d) => d.length !== width)) return null;
  const zeros = extent(digits.map((d) => /0*$/.exec(d)![0].length))[0];
  const varying = width - zeros;
  const mark = /:\d\d,\d+/.test(values[0]) ? ',' : '.';
  const literal = zeros ? `[${'0'.repeat(zeros)}]` : '';
  return varying
    ? `${mark}${'S'.repeat(varying)}${literal}`
    : `[${mark}${'0'.repeat(zeros)}]`;
}

/**
 * A time zone written the same way in every value, kept literal; offsets
 * that differ between values (clocks changed within the sample) are the
 * Z token, written from the sample's offsets by time of day.
 */
function zoneSuffix(values: string[]): string {
  const zone = /(Z|[+-]\d\d:?\d\d)$/.exec(values[0])?.[1];
  if (!zone || !/[T ]\d\d:\d\d/.test(values[0])) return '';
  if (values.every((v) => v.endsWith(zone))) return `[${zone}]`;
  return values.every((v) => OFFSET.test(v)) ? 'Z' : '';
}
