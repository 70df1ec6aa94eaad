import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { Table } from '../../src/infer/typed';

/**
 * A fixture read as inference reads a sample before any config exists:
 * the data above the `---` footer, short rows (a median line) apart.
 */
export function fixtureTable(file: string): Table {
  const text = readFileSync(join(__dirname, '../../fixtures', file), 'utf8');
  const lines = text.split(/\r?\n/);
  const at = lines.indexOf('---');
  const data = (at < 0 ? lines : lines.slice(0, at)).join('\n');
  const parsed = Papa.parse<string[]>(data).data.filter(
    (r) => !(r.length === 1 && r[0] === ''),
  );
  const [header, ...rest] = parsed;
  return {
    name: file,
    header,
    records: rest.filter((r) => r.length === header.length),
    shortRows: rest.flatMap((fields, index) =>
      fields.length < header.length ? [{ index, fields }] : [],
    ),
  };
}

/** A small table from a header and rows of fields. */
export function table(header: string[], records: string[][]): Table {
  return { name: 'synthetic.csv', header, records };
}

export const INCIDENT = 'SG_20200609_DAILY_DRIVER_INCIDENT.csv';
export const SUMMARY = 'SG_20200609_DAILY_DRIVER_SUMMARY.csv';
export const PERFORM = 'PERFORM_20200911.csv';
