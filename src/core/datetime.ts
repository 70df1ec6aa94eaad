/**
 * Wall-clock date-times as seconds since 1970-01-01 00:00 with no time zone:
 * the samples carry local times and mock data keeps them local, so all
 * arithmetic is plain UTC arithmetic on naive values.
 *
 * Layout tokens: YYYY YY MMMM MMM MM DD dddd ddd HH mm ss S (one to nine S:
 * that many fraction digits) and Z, a UTC offset (`+01:00` or `Z`) that is
 * read and left out of the value, and written from an offset schedule (see
 * core/offsets.ts). Text in [brackets] is literal; any other character
 * stands for itself.
 */

import { offsetAt, type OffsetSchedule } from './offsets';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAYS = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
];

type Part = { token: string } | { literal: string };

const TOKENS = [
  'YYYY',
  'YY',
  'MMMM',
  'MMM',
  'MM',
  'DD',
  'dddd',
  'ddd',
  'HH',
  'mm',
  'ss',
  'Z',
];

const layoutCache = new Map<string, Part[]>();

function compile(layout: string): Part[] {
  const cached = layoutCache.get(layout);
  if (cached) return cached;
  const parts: Part[] = [];
  let i = 0;
  while (i < layout.length) {
    if (layout[i] === '[') {
      const end = layout.indexOf(']', i);
      const stop = end < 0 ? layout.length : end;
      parts.push({ literal: layout.slice(i + 1, stop) });
      i = stop + 1;
      continue;
    }
    const fraction = /^S{1,9}/.exec(layout.slice(i));
    if (fraction) {
      parts.push({ token: fraction[0] });
      i += fraction[0].length;
      continue;
    }
    const token = TOKENS.find((t) => layout.startsWith(t, i));
    if (token) {
      parts.push({ token });
      i += token.length;
    } else {
      parts.push({ literal: layout[i] });
      i++;
    }
  }
  layoutCache.set(layout, parts);
  return parts;
}

const two = (n: number) => String(n).padStart(2, '0');

/**
 * Formats seconds since the epoch with a layout; a Z token writes the
 * offset `offsets` gives for the time of day.
 */
export function formatDateTime(
  seconds: number,
  layout: string,
  offsets?: OffsetSchedule,
): string {
  if (!Number.isFinite(seconds)) return '';
  const micros = Math.round(seconds * 1e6);
  const wholeSeconds = Math.floor(micros / 1e6);
  const fraction = micros - wholeSeconds * 1e6;
  const d = new Date(wholeSeconds * 1000);
  let out = '';
  for (const part of compile(layout)) {
    if ('literal' in part) {
      out += part.literal;
      continue;
    }
    const t = part.token;
    if (t[0] === 'S') {
      out += String(fraction)
        .padStart(6, '0')
        .padEnd(9, '0')
        .slice(0, t.length);
      continue;
    }
    switch (t) {
      case 'YYYY':
        out += String(d.getUTCFullYear()).padStart(4, '0');
        break;
      case 'YY':
        out += two(d.getUTCFullYear() % 100);
        break;
      case 'MMMM':
        out += MONTHS[d.getUTCMonth()];
        break;
      case 'MMM':
        out += MONTHS[d.getUTCMonth()].slice(0, 3);
        break;
      case 'MM':
        out += two(d.getUTCMonth() + 1);
        break;
      case 'DD':
        out += two(d.getUTCDate());
        break;
      case 'dddd':
        out += WEEKDAYS[d.getUTCDay()];
        break;
      case 'ddd':
        out += WEEKDAYS[d.getUTCDay()].slice(0, 3);
        break;
      case 'HH':
        out += two(d.getUTCHours());
        break;
      case 'mm':
        out += two(d.getUTCMinutes());
        break;
      case 'ss':
        out += two(d.getUTCSeconds());
        break;
      case 'Z':
        out += offsetAt(wholeSeconds, offsets);
        break;
    }
  }
  return out;
}

const FIELD_PATTERN: Record<string, string> = {
  YYYY: '(\\d{4})',
  YY: '(\\d{2})',
  MMMM: '([A-Za-z]+)',
  MMM: '([A-Za-z]{3})',
  MM: '(\\d{2})',
  DD: '(\\d{2})',
  dddd: '[A-Za-z]+',
  ddd: '[A-Za-z]{3}',
  HH: '(\\d{2})',
  mm: '(\\d{2})',
  ss: '(\\d{2})',
  Z: '(?:Z|[+-]\\d{2}:\\d{2})',
};

const parserCache = new Map<string, { re: RegExp; fields: string[] }>();

function parser(layout: string) {
  const cached = parserCache.get(layout);
  if (cached) return cached;
  let source = '^';
  const fields: string[] = [];
  for (const part of compile(layout)) {
    if ('literal' in part) {
      source += part.literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    } else if (part.token[0] === 'S') {
      source += `(\\d{${part.token.length}})`;
      fields.push('S');
    } else {
      source += FIELD_PATTERN[part.token];
      if (FIELD_PATTERN[part.token].startsWith('(')) fields.push(part.token);
    }
  }
  const built = { re: new RegExp(source + '$'), fields };
  parserCache.set(layout, built);
  return built;
}

/**
 * Parses text laid out as `layout` into seconds since the epoch, or NaN when
 * it does not fit.
 */
export function parseDateTime(text: string, layout: string): number {
  const { re, fields } = parser(layout);
  const m = re.exec(text);
  if (!m) return NaN;
  let year = 1970;
  let month = 0;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let fraction = 0;
  fields.forEach((field, i) => {
    const v = m[i + 1];
    switch (field) {
      case 'YYYY':
        year = Number(v);
        break;
      case 'YY':
        year = 2000 + Number(v);
        break;
      case 'MMMM':
      case 'MMM':
        month = MONTHS.findIndex((name) => name.startsWith(v));
        break;
      case 'MM':
        month = Number(v) - 1;
        break;
      case 'DD':
        day = Number(v);
        break;
      case 'HH':
        hour = Number(v);
        break;
      case 'mm':
        minute = Number(v);
        break;
      case 'ss':
        second = Number(v);
        break;
      case 'S':
        fraction = Number(`0.${v}`);
        break;
    }
  });
  if (month < 0 || month > 11 || day < 1 || day > 31 || hour > 23) return NaN;
  const ms = Date.UTC(year, month, day, hour, minute, second);
  if (new Date(ms).getUTCDate() !== day) return NaN;
  return ms / 1000 + fraction;
}

/** The day holding a time, as YYYY-MM-DD. */
export function dayOf(seconds: number): string {
  return formatDateTime(seconds, 'YYYY-MM-DD');
}

export const SECONDS_PER_DAY = 86400;
