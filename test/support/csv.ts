import { readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import type { RunResult } from '../../src/pipeline';

export type Record = { [column: string]: string };

/** Reads a written CSV independently of the generator: data and trailer. */
export function readCsv(file: string): {
  header: string[];
  rows: string[][];
  records: Record[];
  trailer: string[];
  text: string;
} {
  const text = readFileSync(file, 'utf8');
  const cut = text.indexOf('\n---\n');
  const data = cut >= 0 ? text.slice(0, cut + 1) : text;
  const trailer = cut >= 0 ? text.slice(cut + 5).split('\n') : [];
  const parsed = Papa.parse<string[]>(data.replace(/\n$/, ''), {});
  const [header, ...rows] = parsed.data;
  const records = rows.map((r) =>
    Object.fromEntries(header.map((h, i) => [h, r[i]])),
  );
  return { header, rows, records, trailer, text };
}

/** Every file of a role, in day order. */
export function filesOf(result: RunResult, role: string) {
  return result.files
    .filter((f) => f.role === role)
    .map((f) => ({ ...f, ...readCsv(path.join(result.location, f.path)) }));
}
