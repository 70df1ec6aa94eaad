import Papa from 'papaparse';
import { SampleError } from '../errors';
import { decodeSample, type Encoding } from './encoding';

/** Field separators a sample may use, in the order they are tried. */
export const DELIMITERS = [',', ';', '\t', '|'] as const;

export type Delimiter = (typeof DELIMITERS)[number];

/**
 * How a CSV file is written, so a mock can be written the same way: its
 * field separator, whether every field is quoted or only those that need
 * it, its byte-order mark, line break and text encoding.
 */
export interface Dialect {
  delimiter: Delimiter;
  /** `all`: every field in quotes; `minimal`: only fields that need them. */
  quote: 'minimal' | 'all';
  bom: boolean;
  newline: '\n' | '\r\n';
  encoding: Encoding;
}

/** A sample's text with the dialect it was found to be written in. */
export interface SniffedSample {
  /** The decoded text, without a byte-order mark. */
  text: string;
  dialect: Dialect;
  /** Fields of the first line when split by the found delimiter. */
  headerWidth: number;
}

/** What the sniffing needs beyond the file. */
export interface SniffOptions {
  /** The encoding of a file without a byte-order mark; UTF-8 if none. */
  encoding?: Encoding;
  /** Where `encoding` came from, for messages (`--encoding`, ...). */
  encodingSource?: string;
}

/** Lines looked at to find the delimiter and the quoting. */
const SNIFF_ROWS = 10;

/**
 * Finds how a sample is written. Bytes are decoded first (a byte-order
 * mark decides the encoding, else `options.encoding`, else UTF-8); text is
 * taken as already decoded, UTF-8, with a byte-order mark if it starts
 * with U+FEFF. A file with one column gets `,`; an empty file, the
 * defaults (`,`, minimal quoting, `\n`).
 * @throws SampleError naming the file when it is compressed or binary, is
 *   not valid in its encoding (naming the line), or ends lines with a lone
 *   carriage return.
 */
export function detectDialect(
  input: string | Uint8Array,
  fileName: string,
  options: SniffOptions = {},
): Dialect {
  return sniffSample(input, fileName, options).dialect;
}

/**
 * Decodes a sample and finds its dialect, as `detectDialect` does, and
 * keeps the decoded text for the reader.
 * @throws SampleError as `detectDialect` does.
 */
export function sniffSample(
  input: string | Uint8Array,
  fileName: string,
  options: SniffOptions = {},
): SniffedSample {
  const decoded =
    typeof input === 'string'
      ? {
          text: input.replace(/^\ufeff/, ''),
          encoding: 'utf-8' as const,
          bom: input.startsWith('\ufeff'),
        }
      : decodeSample(input, fileName, options.encoding, options.encodingSource);
  const layout = sniffLayout(decoded.text, fileName);
  return {
    text: decoded.text,
    dialect: {
      delimiter: layout.delimiter,
      quote: layout.quote,
      bom: decoded.bom,
      newline: layout.newline,
      encoding: decoded.encoding,
    },
    headerWidth: layout.headerWidth,
  };
}

function sniffLayout(text: string, fileName: string) {
  const preview = Papa.parse<string[]>(text, {
    delimitersToGuess: [...DELIMITERS],
    preview: SNIFF_ROWS,
    skipEmptyLines: true,
  });
  const found = preview.meta.delimiter as Delimiter;
  const delimiter = DELIMITERS.includes(found) ? found : ',';
  const linebreak = preview.meta.linebreak;
  if (linebreak === '\r') {
    throw new SampleError(
      `${fileName}: lines end in a lone carriage return (old Mac style), expected \\n or \\r\\n line breaks`,
    );
  }
  const newline = linebreak === '\r\n' ? '\r\n' : '\n';
  const rows = preview.data.filter((r) => r.length > 1 || r[0] !== '');
  return {
    delimiter,
    newline,
    quote: quoteStyle(text, rows, delimiter, newline),
    headerWidth: rows[0]?.length ?? 0,
  } as const;
}

/**
 * `all` when the first lines read exactly as they would with every field
 * quoted; anything else keeps to quoting only the fields that need it.
 */
function quoteStyle(
  text: string,
  rows: string[][],
  delimiter: Delimiter,
  newline: string,
): Dialect['quote'] {
  if (rows.length === 0) return 'minimal';
  const quoted = Papa.unparse(rows, { quotes: true, delimiter, newline });
  return text.startsWith(quoted) ? 'all' : 'minimal';
}
