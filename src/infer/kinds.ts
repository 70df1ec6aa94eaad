import { parseDateTime } from '../core/datetime';
import { detectLayout } from './layouts';
import { offsetSchedule } from './offsets';
import type { OffsetSchedule } from '../core/offsets';
import { identifierShape, type IdentifierShape } from './identifiers';
import { looksLikeNames } from './person-names';

export { NOT_A_NAME, looksLikeNames } from './person-names';
export type { IdentifierShape } from './identifiers';
import { extent } from './extent';

/**
 * What a column holds, judged from its sample values alone:
 * - `integer`, `decimal`: numbers drawn from their distribution;
 * - `datetime`: date-times in one layout (`format`);
 * - `boolean`, `category`: a few values, drawn by frequency;
 * - `identifier`: codes that name a thing (leading zeros, prefixes, more
 *   digits than a double holds), kept as text;
 * - `name`: people's names;
 * - `text`: anything else;
 * - `empty`: no value at all.
 */
export type ColumnKind =
  | 'integer'
  | 'decimal'
  | 'datetime'
  | 'boolean'
  | 'category'
  | 'identifier'
  | 'name'
  | 'text'
  | 'empty';

/** A column of a sample with its kind and what the generator needs. */
export interface ColumnInfo {
  name: string;
  kind: ColumnKind;
  /** How the config reads and writes it. */
  type: 'text' | 'number' | 'datetime';
  decimals?: number;
  format?: string;
  /** For a layout with a Z token: the sample's offsets by time of day. */
  offsets?: OffsetSchedule;
  /** Text standing in for a missing number or date-time, such as "-". */
  placeholders: string[];
  /** Share of cells that are empty. */
  emptyShare: number;
  /** Share of cells holding a placeholder. */
  placeholderShare: number;
  /** Distinct non-empty values. */
  distinct: number;
  /** The cells as written. */
  raw: string[];
  /**
   * Numbers, or date-times in seconds, per row; NaN for empty cells,
   * placeholders and text.
   */
  values: number[];
  /** For identifiers: how many digits and what comes before them. */
  identifier?: IdentifierShape;
}

/** At most this many distinct values always make a category. */
const FEW_VALUES = 12;
/** Up to this many, a category when they are this small a share. */
const SOME_VALUES = 40;
const SOME_SHARE = 0.05;
/** Numbers with more digits lose some in a double. */
const SAFE_DIGITS = 15;
/** A number column may hold at most this many kinds of placeholder. */
const MAX_PLACEHOLDERS = 3;

const INTEGER = /^-?(0|[1-9]\d*)$/;
const DECIMAL = /^-?\d+\.\d+$/;
const DECIMAL_COMMA = /^-?\d+,\d+$/;
const DIGITS = /^\d+$/;
const BOOLEANS = [
  ['true', 'false'],
  ['yes', 'no'],
  ['y', 'n'],
  ['t', 'f'],
];

/** What a column's cells are read with beyond themselves. */
export interface ReadOptions {
  /**
   * Whether `12,5` may be a number: only in files not separated by commas,
   * as the sample reader takes it.
   */
  decimalComma?: boolean;
}

/** Judges one column from its cells. */
export function inferColumn(
  name: string,
  raw: string[],
  options: ReadOptions = {},
): ColumnInfo {
  const filled = raw.filter((v) => v !== '');
  const distinctValues = new Set(filled);
  const base = {
    name,
    raw,
    placeholders: [] as string[],
    placeholderShare: 0,
    emptyShare: (raw.length - filled.length) / Math.max(1, raw.length),
    distinct: distinctValues.size,
    values: raw.map(() => NaN),
  };
  if (filled.length === 0) return { ...base, kind: 'empty', type: 'text' };

  const numeric =
    asNumbers(base, filled, '.') ??
    (options.decimalComma ? asNumbers(base, filled, ',') : undefined);
  if (numeric) return numeric;
  const dated = asDateTimes(base, filled);
  if (dated) return dated;
  if (isBoolean(distinctValues)) {
    return { ...base, kind: 'boolean', type: 'text' };
  }
  if (distinctValues.size > FEW_VALUES && looksLikeNames(filled)) {
    return { ...base, kind: 'name', type: 'text' };
  }
  if (isCategory(distinctValues.size, filled.length)) {
    return { ...base, kind: 'category', type: 'text' };
  }
  const identifier = identifierShape(filled);
  if (identifier) {
    return { ...base, kind: 'identifier', type: 'text', identifier };
  }
  return { ...base, kind: 'text', type: 'text' };
}

function isCategory(distinct: number, filled: number): boolean {
  return (
    distinct <= FEW_VALUES ||
    (distinct <= SOME_VALUES && distinct <= SOME_SHARE * filled)
  );
}

type Base = Omit<ColumnInfo, 'kind' | 'type'>;

/** Numbers, with a few placeholders; identifiers when digits would be lost. */
function asNumbers(
  base: Base,
  filled: string[],
  point: '.' | ',',
): ColumnInfo | undefined {
  const decimal = point === '.' ? DECIMAL : DECIMAL_COMMA;
  const isNumber = (v: string) => INTEGER.test(v) || decimal.test(v);
  const gaps = placeholdersOf(filled, isNumber);
  if (!gaps) return undefined;
  const numbers = filled.filter(isNumber);
  const digits = numbers.map((v) => v.replace(/^-|\..*$/g, '').length);
  const leadingZero = numbers.some((v) => /^0\d/.test(v));
  if (numbers.every((v) => DIGITS.test(v) || /^0\d/.test(v))) {
    if (leadingZero || extent(digits)[1] > SAFE_DIGITS) {
      if (gaps.length) return undefined;
      return {
        ...base,
        kind: 'identifier',
        type: 'text',
        identifier: identifierShape(filled),
      };
    }
  }
  const fractions = numbers.map((v) => /[.,](\d+)$/.exec(v)?.[1].length ?? 0);
  const decimals = extent(fractions)[1];
  if (point === ',' && decimals === 0) return undefined;
  const values = base.raw.map((v) =>
    isNumber(v) ? Number(v.replace(',', '.')) : NaN,
  );
  const distinct = new Set(numbers).size;
  return {
    ...withGaps(base, gaps),
    values,
    kind:
      isCategory(distinct, numbers.length) && !isCounter(values)
        ? 'category'
        : decimals
          ? 'decimal'
          : 'integer',
    type: 'number',
    decimals: decimals || undefined,
  };
}

function asDateTimes(base: Base, filled: string[]): ColumnInfo | undefined {
  const dated = filled.filter((v) => /\d/.test(v) && /[-/.:]/.test(v));
  if (dated.length < filled.length / 2) return undefined;
  const format = detectLayout(dated);
  if (!format) return undefined;
  const fitting = new Set(dated);
  const gaps = placeholdersOf(filled, (v) => fitting.has(v));
  if (!gaps) return undefined;
  const values = base.raw.map((v) =>
    v === '' || gaps.includes(v) ? NaN : parseDateTime(v, format),
  );
  return {
    ...withGaps(base, gaps),
    values,
    kind: 'datetime',
    type: 'datetime',
    format,
    ...(/Z$/.test(format) ? { offsets: offsetSchedule(dated, format) } : {}),
  };
}

/**
 * The values that do not fit, when they are few and short enough to be
 * stand-ins for "none"; undefined when they are not.
 */
function placeholdersOf(
  filled: string[],
  fits: (v: string) => boolean,
): string[] | undefined {
  const misfits = new Map<string, number>();
  let fitting = 0;
  for (const v of filled) {
    if (fits(v)) fitting++;
    else misfits.set(v, (misfits.get(v) ?? 0) + 1);
  }
  if (fitting === 0 || fitting < filled.length / 2) return undefined;
  const kinds = [...misfits.keys()];
  if (kinds.length > MAX_PLACEHOLDERS) return undefined;
  if (kinds.some((k) => k.length > 5 || /\d/.test(k))) return undefined;
  return kinds.sort();
}

/** Whole numbers that never fall in written order, like a packet id. */
function isCounter(values: number[]): boolean {
  const finite = values.filter(Number.isFinite);
  if (new Set(finite).size < 3 || !finite.every(Number.isInteger)) {
    return false;
  }
  return finite.every((v, i) => i === 0 || v >= finite[i - 1]);
}

function withGaps(base: Base, gaps: string[]): Base {
  const set = new Set(gaps);
  const count = base.raw.filter((v) => set.has(v)).length;
  return {
    ...base,
    placeholders: gaps,
    placeholderShare: count / Math.max(1, base.raw.length),
  };
}

function isBoolean(values: Set<string>): boolean {
  const lower = new Set([...values].map((v) => v.toLowerCase()));
  return BOOLEANS.some(
    (pair) => lower.size === 2 && pair.every((v) => lower.has(v)),
  );
}
