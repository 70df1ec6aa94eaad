import { parseDateTime } from '../core/datetime';
import type { Row, Value } from '../core/expr';

/**
 * The parts of a sample's table (see table.ts) that relation finding
 * reads: the header and the data rows as written, and rows with fewer
 * fields than the header (a median line) apart, with their position
 * among the data rows.
 */
export interface TableRows {
  name: string;
  header: string[];
  records: string[][];
  shortRows?: { index: number; fields: string[] }[];
}

/**
 * How a column's text reads as a value, in the config's terms. Relations
 * are checked on typed values, as the generator checks them, so a
 * date-time compares as seconds and "8" equals 8.
 */
export interface ColumnType {
  name: string;
  type: 'text' | 'number' | 'datetime';
  format?: string;
  decimals?: number;
  placeholders: string[];
}

/** Layouts tried when the caller gives no column types. */
const LAYOUTS = [
  'YYYY-MM-DD HH:mm:ss',
  'YYYY-MM-DD HH:mm:ss.SSS',
  'YYYY-MM-DD HH:mm:ss.SSSSSS',
  'YYYY-MM-DD HH:mm:ss.SSSSSSSSS',
  'YYYY-MM-DD',
];

const NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * A plain reading of each column, for callers that have not typed the
 * table themselves: numbers (with at most two kinds of placeholder text,
 * such as "-" or "n/a"), date-times in a common layout, or text.
 */
export function guessTypes(table: TableRows): ColumnType[] {
  return table.header.map((name, i) => {
    const filled = table.records.map((r) => r[i]).filter((v) => v !== '');
    const layout = LAYOUTS.find((l) =>
      fitsMostly(filled, (v) => !Number.isNaN(parseDateTime(v, l))),
    );
    if (layout) {
      const placeholders = misfits(
        filled,
        (v) => !Number.isNaN(parseDateTime(v, layout)),
      );
      return { name, type: 'datetime', format: layout, placeholders };
    }
    if (fitsMostly(filled, (v) => NUMBER.test(v))) {
      const placeholders = misfits(filled, (v) => NUMBER.test(v));
      return {
        name,
        type: 'number',
        placeholders,
        decimals: decimalsOf(filled),
      };
    }
    return { name, type: 'text', placeholders: [] };
  });
}

/**
 * True when most values fit and the rest are at most two short words
 * standing in for a value, such as "-" or "n/a".
 */
function fitsMostly(values: string[], fits: (v: string) => boolean): boolean {
  const fitting = values.filter(fits).length;
  if (fitting === 0 || fitting < values.length / 2) return false;
  const others = misfits(values, fits);
  return others.length <= 2 && others.every((v) => v.length <= 3);
}

function misfits(values: string[], fits: (v: string) => boolean): string[] {
  return [...new Set(values.filter((v) => !fits(v)))];
}

/** Fixed decimals when every number is written with the same count. */
function decimalsOf(values: string[]): number | undefined {
  const counts = new Set(
    values
      .filter((v) => NUMBER.test(v))
      .map((v) => v.split('.')[1]?.length ?? 0),
  );
  const [only] = counts;
  return counts.size === 1 && only > 0 ? only : undefined;
}

/** A field's value as the generator types it; placeholders stay text. */
export function typedField(text: string, column: ColumnType): Value {
  if (text === '') return null;
  if (column.type === 'number') {
    const n = Number(text);
    return Number.isFinite(n) ? n : text;
  }
  if (column.type === 'datetime') {
    const t = parseDateTime(text, column.format ?? '');
    return Number.isNaN(t) ? text : t;
  }
  return text;
}

/** The table's data rows typed, keyed by column name. */
export function typedRows(table: TableRows, types: ColumnType[]): Row[] {
  const columns = table.header.map(
    (name): ColumnType =>
      types.find((t) => t.name === name) ?? {
        name,
        type: 'text',
        placeholders: [],
      },
  );
  return table.records.map((fields) => {
    const row: Row = {};
    columns.forEach((column, i) => {
      row[column.name] = typedField(fields[i], column);
    });
    return row;
  });
}

/** A column name as an expression reads it: backticks unless plain. */
export function nameRef(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : `\`${name}\``;
}

/**
 * Text as an expression's string literal: single-quoted unless the text
 * holds a single quote and no double one. The tokenizer reads a backslash
 * as an escape only before the quote or another backslash, so only those
 * are doubled and a regular expression keeps its look.
 */
export function quote(text: string): string {
  const q = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const next = text[i + 1];
    if (c === q) out += '\\' + c;
    else if (c === '\\' && (next === undefined || next === '\\' || next === q))
      out += '\\\\';
    else out += c;
  }
  return q + out + q;
}
