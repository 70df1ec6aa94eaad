import { SampleError } from '../errors';
import { decodeWindows1252, encodeWindows1252 } from './windows-1252';

/**
 * Text encodings a sample may use and a mock is written back in. `latin1`
 * is ISO-8859-1 byte for byte (every byte is a character, so any file
 * reads and writes back unchanged); `windows-1252` differs from it only in
 * 0x80-0x9F, where it has € and typographic quotes.
 */
export const ENCODINGS = [
  'utf-8',
  'utf-16le',
  'utf-16be',
  'latin1',
  'windows-1252',
] as const;

export type Encoding = (typeof ENCODINGS)[number];

/** A sample's text and how its bytes were read. */
export interface DecodedText {
  /** The text without its byte-order mark. */
  text: string;
  encoding: Encoding;
  /** Whether the file starts with a byte-order mark. */
  bom: boolean;
}

const SPELLINGS: Record<string, Encoding> = {
  utf8: 'utf-8',
  utf16le: 'utf-16le',
  ucs2: 'utf-16le',
  utf16be: 'utf-16be',
  latin1: 'latin1',
  iso88591: 'latin1',
  windows1252: 'windows-1252',
  cp1252: 'windows-1252',
};

/** The encoding a name means (`UTF8`, `cp1252`, ...), or undefined. */
export function encodingNamed(name: string): Encoding | undefined {
  return SPELLINGS[name.toLowerCase().replace(/[^a-z0-9]/g, '')];
}

/** Files that are not text, by their first bytes, and what to do. */
const SIGNATURES: {
  /** The first bytes; null stands for any byte. */
  bytes: (number | null)[];
  looks: string;
  expected: string;
}[] = [
  {
    bytes: [0x1f, 0x8b],
    looks: 'a gzip-compressed file',
    expected: 'decompress it first',
  },
  {
    bytes: [0x50, 0x4b, 0x03, 0x04],
    looks: 'a zip archive (or an .xlsx workbook)',
    expected: 'extract it or save the sheet as CSV first',
  },
  {
    bytes: [0x50, 0x4b, 0x05, 0x06],
    looks: 'an empty zip archive',
    expected: 'extract it first',
  },
  {
    bytes: [0x42, 0x5a, 0x68, null, 0x31, 0x41, 0x59, 0x26, 0x53, 0x59],
    looks: 'a bzip2-compressed file',
    expected: 'decompress it first',
  },
  {
    bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00],
    looks: 'an xz-compressed file',
    expected: 'decompress it first',
  },
  {
    bytes: [0x28, 0xb5, 0x2f, 0xfd],
    looks: 'a zstd-compressed file',
    expected: 'decompress it first',
  },
  {
    bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c],
    looks: 'a 7-Zip archive',
    expected: 'extract it first',
  },
  {
    bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
    looks: 'an .xls workbook or another Office file',
    expected: 'save the sheet as CSV first',
  },
];

const BOMS: { bytes: number[]; encoding: Encoding }[] = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be' },
];

/** How far into a file NUL bytes mark it as binary. */
const SNIFF_BYTES = 1024;

/**
 * Decodes a sample's bytes. A byte-order mark decides the encoding; else
 * `encoding` does, else UTF-8.
 * @param source where `encoding` came from, for the message when a
 *   byte-order mark contradicts it (such as `--encoding`).
 * @throws SampleError naming the file when it is compressed, an archive
 *   or otherwise binary, when its byte-order mark contradicts `encoding`,
 *   or naming the first line that is not valid in its encoding.
 */
export function decodeSample(
  bytes: Uint8Array,
  fileName: string,
  encoding?: Encoding,
  source = '--encoding',
): DecodedText {
  const bom = BOMS.find((b) => startsWith(bytes, b.bytes));
  if (bom && encoding && encoding !== bom.encoding) {
    throw new SampleError(
      `${fileName}: starts with a ${label(bom.encoding)} byte-order mark, expected ${encoding} as ${source} says`,
    );
  }
  const chosen = bom?.encoding ?? encoding ?? 'utf-8';
  if (!chosen.startsWith('utf-16')) refuseBinary(bytes, fileName);
  const body = bytes.subarray(bom ? bom.bytes.length : 0);
  return { text: decode(body, chosen, fileName), encoding: chosen, bom: !!bom };
}

/**
 * The bytes of mock text in a sample's encoding, or the first character
 * that encoding cannot hold.
 */
export function encodeText(
  text: string,
  encoding: Encoding,
): Buffer | { unencodable: string } {
  if (encoding === 'utf-8') return Buffer.from(text, 'utf8');
  if (encoding === 'utf-16le') return Buffer.from(text, 'utf16le');
  if (encoding === 'utf-16be') return Buffer.from(text, 'utf16le').swap16();
  if (encoding === 'latin1') {
    const bad = /[^\x00-\xff]/u.exec(text);
    return bad ? { unencodable: bad[0] } : Buffer.from(text, 'latin1');
  }
  return encodeWindows1252(text);
}

/** The byte-order mark a mock written in `encoding` starts with. */
export function byteOrderMark(encoding: Encoding): Buffer {
  const bom = BOMS.find((b) => b.encoding === encoding);
  return Buffer.from(bom ? bom.bytes : []);
}

function refuseBinary(bytes: Uint8Array, fileName: string): void {
  const signature = SIGNATURES.find((s) => startsWith(bytes, s.bytes));
  if (signature) {
    throw new SampleError(
      `${fileName}: looks like ${signature.looks}, expected CSV text (${signature.expected})`,
    );
  }
  const head = bytes.subarray(0, SNIFF_BYTES);
  const nul = head.indexOf(0);
  if (nul < 0) return;
  if (looksLikeUtf16(head)) {
    throw new SampleError(
      `${fileName}: looks like UTF-16 text without a byte-order mark, expected UTF-8 (pass --encoding utf-16le or utf-16be)`,
    );
  }
  throw new SampleError(
    `${fileName}: has a NUL byte at offset ${nul}, looks like a binary file, expected CSV text`,
  );
}

/** Mostly ASCII text in UTF-16 has a NUL in every other byte. */
function looksLikeUtf16(head: Uint8Array): boolean {
  let even = 0;
  let odd = 0;
  head.forEach((b, i) => {
    if (b === 0 && i % 2 === 0) even++;
    if (b === 0 && i % 2 === 1) odd++;
  });
  const pairs = Math.floor(head.length / 2);
  return Math.max(even, odd) >= pairs * 0.4 && Math.min(even, odd) === 0;
}

function decode(bytes: Uint8Array, encoding: Encoding, fileName: string) {
  if (encoding === 'latin1') return Buffer.from(bytes).toString('latin1');
  if (encoding === 'windows-1252') return decodeWindows1252(bytes);
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(
      bytes,
    );
  } catch (cause) {
    const line = firstBadLine(bytes, encoding);
    const others =
      encoding === 'utf-8'
        ? 'latin1 (or windows-1252, utf-16le)'
        : 'utf-8 (or latin1, windows-1252)';
    throw new SampleError(
      `${fileName}: line ${line} is not valid ${label(encoding)}; pass --encoding ${others} if the file uses another encoding`,
      { cause },
    );
  }
}

/** The physical line that holds the first bytes the encoding refuses. */
function firstBadLine(bytes: Uint8Array, encoding: Encoding): number {
  if (encoding !== 'utf-8') {
    const text = new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
    return lineAt(text, text.indexOf('\ufffd'));
  }
  // A line feed byte is never part of a longer UTF-8 sequence.
  const strict = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  for (let start = 0; start < bytes.length; line++) {
    const end = bytes.indexOf(0x0a, start);
    const stop = end < 0 ? bytes.length : end;
    try {
      strict.decode(bytes.subarray(start, stop));
    } catch {
      return line;
    }
    start = stop + 1;
  }
  return line;
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < index;) {
    line++;
    i = text.indexOf('\n', i + 1);
  }
  return line;
}

function startsWith(bytes: Uint8Array, prefix: (number | null)[]): boolean {
  return (
    bytes.length >= prefix.length &&
    prefix.every((b, i) => b === null || bytes[i] === b)
  );
}

function label(encoding: Encoding): string {
  return encoding.startsWith('utf') ? encoding.toUpperCase() : encoding;
}
