import { SampleError } from '../errors';
import { sniffSample } from '../sample/dialect';
import { parseRecords } from '../sample/parse';
import { checkUniqueNames } from '../sample/unique';

/** A sample file as inference sees it: before any config exists. */
export interface SampleText {
  /** The file's base name, which carries its role and date. */
  name: string;
  text: string;
  /** The role given with `file:role`, instead of one from the name. */
  role?: string;
}

/** A sample split into header, records, short rows and trailer. */
export interface Table {
  name: string;
  header: string[];
  /** The field separator the sample is written with. */
  delimiter: string;
  /** Data rows with as many fields as the header. */
  records: string[][];
  /**
   * Rows with fewer fields than the header, such as a median line, with
   * the physical line each starts on.
   */
  shortRows: { index: number; fields: string[]; line: number }[];
  newline: '\n' | '\r\n';
  finalNewline: boolean;
  trailer?: { separator: string; lines: string[]; finalNewline: boolean };
}

/** A line of dashes or equals signs between the data and a footer. */
const SEPARATOR = /^(-{3,}|={3,})$/;

/**
 * Splits a sample's text into its parts, read in the dialect it is
 * written in.
 * @throws SampleError naming the file when it has no header or no rows,
 *   or is binary or compressed; and the line of a quoted field never
 *   closed, of a blank line, or of a row longer than the header, whose
 *   extra fields would otherwise be lost; or a column named twice.
 */
export function readTable(sample: SampleText): Table {
  const { text: body, dialect } = sniffSample(sample.text, sample.name);
  const newline = dialect.newline;
  const lines = body.split(/\r?\n/);
  const at = lines.findIndex((line) => SEPARATOR.test(line));
  const dataText = at < 0 ? body : lines.slice(0, at).join(newline);
  const trailer =
    at < 0
      ? undefined
      : {
          separator: lines[at],
          lines: withoutLastEmpty(lines.slice(at + 1)),
          finalNewline: /\r?\n$/.test(body),
        };
  const parsed = parseRecords(
    dataText,
    sample.name,
    dialect.delimiter,
    newline,
  );
  const rows = parsed.records;
  while (rows.length && rows[rows.length - 1].join('') === '') rows.pop();
  if (rows.length === 0) {
    throw new SampleError(
      `${sample.name}: the file is empty, expected a header line`,
    );
  }
  const [header, ...data] = rows;
  checkUniqueNames(header, sample.name);
  const long = data.findIndex((r) => r.length > header.length);
  if (long >= 0) {
    throw new SampleError(
      `${sample.name}: line ${parsed.lines[long + 1]} has ${data[long].length} fields, expected ${header.length} as in the header`,
    );
  }
  const blank = data.findIndex(
    (r) => r.length < header.length && r.join('') === '',
  );
  if (blank >= 0) {
    throw new SampleError(
      `${sample.name}: line ${parsed.lines[blank + 1]} is blank, expected ${header.length} fields as in the header`,
    );
  }
  const records = data.filter((r) => r.length === header.length);
  if (records.length === 0) {
    throw new SampleError(
      `${sample.name}: no data rows after the header, expected at least one`,
    );
  }
  const shortRows = data.flatMap((fields, index) =>
    fields.length < header.length
      ? [{ index, fields, line: parsed.lines[index + 1] }]
      : [],
  );
  return {
    name: sample.name,
    header,
    delimiter: dialect.delimiter,
    records,
    shortRows,
    newline,
    finalNewline: at < 0 ? /\r?\n$/.test(body) : true,
    trailer,
  };
}

function withoutLastEmpty(lines: string[]): string[] {
  return lines.length && lines[lines.length - 1] === ''
    ? lines.slice(0, -1)
    : lines;
}
