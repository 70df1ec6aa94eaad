import { createHash, type Hash } from 'node:crypto';
import Papa from 'papaparse';
import type { OutputFile } from '../store/types';

/** Rows formatted per call; large enough to amortise, small for memory. */
const CHUNK_ROWS = 5000;

/**
 * Writes CSV rows to an output file in chunks, quoting as the samples do
 * (only fields that need it), and keeps the byte count and sha256.
 */
export class CsvWriter {
  private readonly hash: Hash = createHash('sha256');
  private pending: string[][] = [];
  private started = false;
  bytes = 0;
  rows = 0;

  constructor(
    private readonly out: OutputFile,
    private readonly newline: string,
  ) {}

  async header(fields: string[]): Promise<void> {
    await this.put(Papa.unparse([fields], { newline: this.newline }));
    this.started = true;
  }

  async row(fields: string[]): Promise<void> {
    this.pending.push(fields);
    this.rows++;
    if (this.pending.length >= CHUNK_ROWS) await this.flush();
  }

  /** Ends the data: a final newline, or the trailer lines after one. */
  async finish(trailer: string[], finalNewline: boolean): Promise<string> {
    await this.flush();
    if (trailer.length) {
      const end = finalNewline ? this.newline : '';
      await this.put(this.newline + trailer.join(this.newline) + end);
    } else if (finalNewline && this.started) {
      await this.put(this.newline);
    }
    await this.out.close();
    return this.hash.digest('hex');
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const text = Papa.unparse(this.pending, { newline: this.newline });
    this.pending = [];
    await this.put(this.newline + text);
  }

  private async put(text: string): Promise<void> {
    const buffer = Buffer.from(text, 'utf8');
    this.hash.update(buffer);
    this.bytes += buffer.length;
    await this.out.write(text);
  }
}
