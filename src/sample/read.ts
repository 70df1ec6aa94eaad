import { SampleError } from '../errors';
import { evaluate, parseExpression, type Row, type Value } from '../core/expr';
import { parseDateTime } from '../core/datetime';
import type { FileSpec, GeneratorSpec } from '../config/schema';
import { decimalSeparatorOf, parseDecimal } from './decimal';
import type { DecimalSeparator } from './decimal';
import { checkDialect } from './declared';
import type { Dialect } from './dialect';
import type { Encoding } from './encoding';
import { parseRecords, type ParsedRecords } from './parse';
import { checkUniqueNames } from './unique';

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
  /** How the file is written: the config's dialect, else the sample's. */
  dialect: Dialect;
  /** Each number column's decimal separator, as declared or found. */
  decimalSeparators: Record<string, DecimalSeparator>;
}

/** What reading needs beyond the file and its spec. */
export interface ReadOptions {
  /** The encoding of samples without a byte-order mark (--encoding). */
  encoding?: Encoding;
}

/**
 * Decodes, splits, parses and checks a sample against its file spec. Text
 * is taken as decoded UTF-8; bytes are decoded as `detectDialect` does.
 * @throws SampleError naming the file and the line or column that does not
 *   fit: a binary or wrongly encoded file, a dialect other than declared,
 *   a missing, unexpected or repeated column, a wrong field count, an
 *   unclosed quote, no rows.
 */
export function readSample(
  input: string | Uint8Array,
  name: string,
  spec: FileSpec,
  options: ReadOptions = {},
): Sample {
  const { text, dialect, sampleNewline } = checkDialect(
    input,
    name,
    spec,
    options.encoding,
  );
  const { data, trailer } = splitTrailer(text, spec, sampleNewline);
  const parsed = parseRecords(data, name, dialect.delimiter, sampleNewline);
  if (parsed.records.length === 0)
    throw new SampleError(`${name}: the file is empty, expected a header line`);
  const header = parsed.records[0];
  checkUniqueNames(header, name);
  checkHeader(header, name, spec);
  const { records, lineNumbers } = dataRecords(parsed, spec, name);
  const decimalSeparators = findDecimalSeparators(spec, records, dialect);
  const columns = spec.columns
    .filter((c) => !c.hidden)
    .map((c) =>
      c.type === 'number'
        ? { ...c, decimalSeparator: decimalSeparators[c.name] }
        : c,
    );
  const rows = records.map((fields, i) =>
    typedRow(fields, columns, (column, text) => {
      throw new SampleError(
        `${name}: line ${lineNumbers[i]}, column ${column.name}: "${text}" ${misfitReason(column, text)}`,
      );
    }),
  );
  return {
    role: spec.role,
    name,
    header,
    records,
    rows,
    trailer,
    dialect,
    decimalSeparators,
  };
}

/**
 * The records after the header, marker rows left out, with their lines.
 * @throws SampleError naming a blank line or one whose field count is not
 *   the header's, or when no record is left.
 */
function dataRecords(parsed: ParsedRecords, spec: FileSpec, name: string) {
  const [header, ...lines] = parsed.records;
  const markers = markerKeys(spec);
  const records: string[][] = [];
  const lineNumbers: number[] = [];
  lines.forEach((fields, i) => {
    const line = parsed.lines[i + 1];
    if (isMarker(fields, header, markers)) return;
    if (fields.length !== header.length && fields.join('') === '') {
      throw new SampleError(
        `${name}: line ${line} is blank, expected ${header.length} fields as in the header`,
      );
    }
    if (fields.length !== header.length) {
      throw new SampleError(
        `${name}: line ${line} has ${fields.length} fields, expected ${header.length} as in the header`,
      );
    }
    records.push(fields);
    lineNumbers.push(line);
  });
  if (records.length === 0) {
    throw new SampleError(
      `${name}: no data rows after the header, expected at least one`,
    );
  }
  return { records, lineNumbers };
}

/** Why a value does not fit its column, and what was expected. */
function misfitReason(column: GeneratorSpec, text: string): string {
  if (column.type === 'number' && /^[+-]?\d{16,}$/.test(text)) {
    return 'has more digits than a number keeps exactly, expected type "text" for such identifiers';
  }
  const expected =
    column.type === 'number'
      ? `a number${column.decimalSeparator === ',' ? ' with a decimal comma' : ''}`
      : `a date-time laid out as ${column.format}`;
  const allowed = column.placeholders.length
    ? ` or one of ${column.placeholders.map((p) => `"${p}"`).join(', ')}`
    : '';
  return `is not ${expected}${allowed}`;
}

/**
 * Decimal commas are taken only where commas do not separate fields and
 * a column writes its fractions with commas and never with points.
 */
function findDecimalSeparators(
  spec: FileSpec,
  records: string[][],
  dialect: Dialect,
): Record<string, DecimalSeparator> {
  const found: Record<string, DecimalSeparator> = {};
  spec.columns
    .filter((c) => !c.hidden)
    .forEach((column, i) => {
      if (column.type !== 'number') return;
      if (column.decimalSeparator) {
        found[column.name] = column.decimalSeparator;
        return;
      }
      const seen = new Set(records.map((r) => decimalSeparatorOf(r[i])));
      const comma =
        dialect.delimiter !== ',' && seen.has(',') && !seen.has('.');
      found[column.name] = comma ? ',' : '.';
    });
  return found;
}

function splitTrailer(text: string, spec: FileSpec, newline: string) {
  if (!spec.trailer) return { data: text, trailer: [] as string[] };
  const lines = text.split(/\r?\n/);
  const at = lines.indexOf(spec.trailer.separator);
  if (at < 0) return { data: text, trailer: [] as string[] };
  return {
    data: lines.slice(0, at).join(newline),
    trailer: lines.slice(at + 1),
  };
}

function checkHeader(header: string[], name: string, spec: FileSpec): void {
  const expected = spec.columns.filter((c) => !c.hidden).map((c) => c.name);
  const present = new Set(header);
  const missing = expected.filter((c) => !present.has(c));
  if (missing.length) {
    throw new SampleError(
      `${name}: missing column "${missing[0]}" that config file "${spec.role}" declares`,
    );
  }
  const declared = new Set(expected);
  const extra = header.filter((c) => !declared.has(c));
  if (extra.length) {
    throw new SampleError(
      `${name}: column "${extra[0]}" is not declared in config file "${spec.role}"`,
    );
  }
  if (header.some((c, i) => c !== expected[i])) {
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
    if (/^[+-]?\d{16,}$/.test(text) && !Number.isSafeInteger(Number(text))) {
      return text;
    }
    const n = parseDecimal(text, column.decimalSeparator ?? '.');
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
