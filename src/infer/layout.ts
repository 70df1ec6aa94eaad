import { toNumber, type Row } from '../core/expr';
import type { FileSpec } from '../config/schema';
import { quote, type ColumnType, type TableRows } from './typed';

/**
 * How a per-entity report lays its rows out: sorted by a column, and a
 * short marker row (a median line) standing among them.
 */

export type OrderSpec = NonNullable<FileSpec['order']>;
export type MarkerSpec = FileSpec['markers'][number];

/**
 * The first number column the rows are sorted by, falling or rising,
 * that is not the same in every row; undefined if none.
 */
export function findOrder(
  types: ColumnType[],
  rows: Row[],
): OrderSpec | undefined {
  for (const type of types) {
    if (type.type !== 'number') continue;
    const values = rows.map((row) => toNumber(row[type.name]));
    if (values.some((v) => !Number.isFinite(v))) continue;
    if (values.every((v) => v === values[0])) continue;
    const falls = values.every((v, i) => i === 0 || v <= values[i - 1]);
    const rises = values.every((v, i) => i === 0 || v >= values[i - 1]);
    if (falls || rises) return { by: type.name, descending: falls };
  }
  return undefined;
}

/**
 * Short rows after half the data rows (rounded up), as markers: their
 * one text field names them, and each number is the column's median or
 * else kept as written.
 */
export function findMarkers(
  table: TableRows,
  types: ColumnType[],
  rows: Row[],
): MarkerSpec[] {
  const middle = Math.ceil(table.records.length / 2);
  const out: MarkerSpec[] = [];
  for (const short of table.shortRows ?? []) {
    if (short.index !== middle) continue;
    const key = short.fields.findIndex((f) => f !== '' && !isNumber(f));
    if (key < 0) continue;
    const values: Record<string, string> = {};
    short.fields.forEach((field, i) => {
      if (field === '') return;
      const column = table.header[i];
      values[column] =
        i !== key && isNumber(field) && isMedian(field, column, types, rows)
          ? `median(${quote(column)})`
          : quote(field);
    });
    out.push({
      at: 'middle',
      width: short.fields.length,
      key: table.header[key],
      values,
    });
  }
  return out;
}

function isNumber(text: string): boolean {
  return /^-?\d+(\.\d+)?$/.test(text);
}

function isMedian(
  field: string,
  column: string,
  types: ColumnType[],
  rows: Row[],
): boolean {
  const values = rows
    .map((row) => toNumber(row[column]))
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  if (values.length === 0) return false;
  const mid = Math.floor(values.length / 2);
  const median =
    values.length % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
  const decimals = types.find((t) => t.name === column)?.decimals ?? 0;
  return median.toFixed(decimals) === field || String(median) === field;
}
