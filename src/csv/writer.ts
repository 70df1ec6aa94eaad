import { createHash, type Hash } from 'node:crypto';
import Papa from 'papaparse';
import { ConfigError } from '../errors';
import type { Dialect } from '../sample/dialect';
import { byteOrderMark, encodeText } from '../sample/encoding';
import type { OutputFile } from '../store/types';

/** Rows formatted per call; large enough to amortise, small for memory. */
const CHUNK_ROWS = 5000;

/**
 * Writes CSV rows to an output file in chunks in its sample's dialect
 * (delimiter, quoting, byte-order mark, line break and encoding), and
 * keeps the byte count and sha256 of what it wrote.
 */
export class CsvWriter {
  private readonly hash: Hash = createHash('sha256');
  private readonly options: Papa.UnparseConfig;
  private pending: string[][] = [];
  private started = false;
  bytes = 0;
  rows = 0;

  /** @param fileName names the file in messages. */
  constructor(
    private readonly out: OutputFile,
    private readonly dialect: Dialect,
    private readonly fileName: string,
  ) {
    this.options = {
      newline: dialect.newline,
      delimiter: dialect.delimiter,
      quotes: dialect.quote === 'all',
    };
  }

  async header(fields: string[]): Promise<void> {
    if (this.dialect.bom)
      await this.putBytes(byteOrderMark(this.dialect.encoding));
    await this.put(Papa.unparse([fields], this.options));
    this.started = true;
  }

  async row(fields: string[]): Promise<void> {
    this.pending.push(fields);
    this.rows++;
    if (this.pending.length >= CHUNK_ROWS) await this.flush();
  }

  /** Ends the data: a final newline, or the trailer lines after one. */
  async finish(trailer: string[], finalNewline: boolean): Promise<string> {
    const newline = this.dialect.newline;
    await this.flush();
    if (trailer.length) {
      const end = finalNewline ? newline : '';
      await this.put(newline + trailer.join(newline) + end);
    } else if (finalNewline && this.started) {
      await this.put(newline);
    }
    await this.out.close();
    return this.hash.digest('hex');
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const text = Papa.unparse(this.pending, this.options);
    this.pending = [];
    await this.put(this.dialect.newline + text);
  }

  /**
   * @throws ConfigError naming the file and a character its encoding
   *   cannot hold, such as a config's literal written into a latin1 mock.
   */
  private async put(text: string): Promise<void> {
    const encoded = encodeText(text, this.dialect.encoding);
    if (!Buffer.isBuffer(encoded)) {
      const code = encoded.unencodable.codePointAt(0)!.toString(16);
      throw new ConfigError(
        `${this.fileName}: "${encoded.unencodable}" (U+${code.toUpperCase().padStart(4, '0')}) cannot be written in ${this.dialect.encoding}, the sample's encoding, expected text that encoding holds`,
      );
    }
    await this.putBytes(encoded);
  }

  private async putBytes(bytes: Buffer): Promise<void> {
    this.hash.update(bytes);
    this.bytes += bytes.length;
    await this.out.write(bytes);
  }
}
