import Papa from 'papaparse';
import { SampleError } from '../errors';
import { evaluate, parseExpression, type Row, type Value } from '../core/expr';
import { parseDateTime } from '../core/datetime';
import type { FileSpec, GeneratorSpec } from '../config/schema';

/** A sample file read against its config. */
export interface Sample {
  role: string;
  /** The file's name as given, for messages and the report. */
  name: string;
  header: string[];
  /** Data rows as written, marker rows left out. */
  records: string[][];
  /** The same rows with values typed as the config declares. */
  rows: Row[];
  /** Lines after the trailer separator. */
  trailer: string[];
}

/**
 * Splits, parses and checks a sample's text against its file spec.
 * @throws SampleError naming the file and the line or column that does not
 *   fit: a missing or unexpected column, a wrong field count, no rows.
 */
export function readSample(text: string, name: string, spec: FileSpec): Sample {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const { data, trailer } = splitTrailer(body, spec);
  const parsed = Papa.parse<string[]>(data, { skipEmptyLines: false });
  const lines = parsed.data;
  while (
    lines.length &&
    lines[lines.length - 1].length === 1 &&
    lines[lines.length - 1][0] === ''
  ) {
    lines.pop();
  }
  if (lines.length === 0)
    throw new SampleError(`${name}: the file is empty, expected a header line`);
  const header = lines[0];
  checkHeader(header, name, spec);
  const markers = markerKeys(spec);
  const records: string[][] = [];
  const lineNumbers: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const fields = lines[i];
    if (isMarker(fields, header, markers)) continue;
    if (fields.length !== header.length) {
      throw new SampleError(
        `${name}: line ${i + 1} has ${fields.length} fields, expected ${header.length} as in the header`,
      );
    }
    records.push(fields);
    lineNumbers.push(i + 1);
  }
  if (records.length === 0) {
    throw new SampleError(
      `${name}: no data rows after the header, expected at least one`,
    );
  }
  const columns = spec.columns.filter((c) => !c.hidden);
  const rows = records.map((fields, i) =>
    typedRow(fields, columns, (column, text) => {
      const expected =
        column.type === 'number'
          ? 'a number'
          : `a date-time laid out as ${column.format}`;
      const allowed = column.placeholders.length
        ? ` or one of ${column.placeholders.map((p) => `"${p}"`).join(', ')}`
        : '';
      throw new SampleError(
        `${name}: line ${lineNumbers[i]}, column ${column.name}: "${text}" is not ${expected}${allowed}`,
      );
    }),
  );
  return { role: spec.role, name, header, records, rows, trailer };
}

function splitTrailer(text: string, spec: FileSpec) {
  if (!spec.trailer) return { data: text, trailer: [] as string[] };
  const lines = text.split(/\r?\n/);
  const at = lines.indexOf(spec.trailer.separator);
  if (at < 0) return { data: text, trailer: [] as string[] };
  return {
    data: lines.slice(0, at).join('\n'),
    trailer: lines.slice(at + 1),
  };
}

function checkHeader(header: string[], name: string, spec: FileSpec): void {
  const expected = spec.columns.filter((c) => !c.hidden).map((c) => c.name);
  const missing = expected.filter((c) => !header.includes(c));
  if (missing.length) {
    throw new SampleError(
      `${name}: missing column "${missing[0]}" that config file "${spec.role}" declares`,
    );
  }
  const extra = header.filter((c) => !expected.includes(c));
  if (extra.length) {
    throw new SampleError(
      `${name}: column "${extra[0]}" is not declared in config file "${spec.role}"`,
    );
  }
  const order = header.join(',') === expected.join(',');
  if (!order) {
    throw new SampleError(
      `${name}: columns are out of order, expected ${expected.join(',')}`,
    );
  }
}

function markerKeys(spec: FileSpec) {
  return spec.markers.map((m) => {
    const source = m.values[m.key];
    const value = source
      ? evaluate(parseExpression(source), {}, { random: () => 0 })
      : '';
    return { key: m.key, value: String(value), width: m.width };
  });
}

function isMarker(
  fields: string[],
  header: string[],
  markers: { key: string; value: string; width: number }[],
): boolean {
  return markers.some(
    (m) =>
      fields.length === m.width && fields[header.indexOf(m.key)] === m.value,
  );
}

/** A field's typed value: numbers and date-times parsed, else the text. */
export function typedValue(text: string, column: GeneratorSpec): Value {
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

/** Types a record; a value that fits neither its type nor a placeholder
 * goes to `misfit`, which throws. */
function typedRow(
  fields: string[],
  columns: GeneratorSpec[],
  misfit: (column: GeneratorSpec, text: string) => never,
): Row {
  const row: Row = {};
  columns.forEach((column, i) => {
    const value = typedValue(fields[i], column);
    if (
      typeof value === 'string' &&
      column.type !== 'text' &&
      !column.placeholders.includes(value)
    ) {
      misfit(column, value);
    }
    row[column.name] = value;
  });
  return row;
}
