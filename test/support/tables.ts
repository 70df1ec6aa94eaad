import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readTable } from '../../src/infer/table';
import type { TableRows } from '../../src/infer/typed';

/** A fixture read as inference reads a sample before any config exists. */
export function fixtureTable(file: string): TableRows {
  const path = join(__dirname, '../../fixtures', file);
  return readTable({ name: file, text: readFileSync(path, 'utf8') });
}

/** A small table from a header and rows of fields. */
export function table(header: string[], records: string[][]): TableRows {
  return { name: 'synthetic.csv', header, records };
}

export const INCIDENT = 'SG_20200609_DAILY_DRIVER_INCIDENT.csv';
export const SUMMARY = 'SG_20200609_DAILY_DRIVER_SUMMARY.csv';
export const PERFORM = 'PERFORM_20200911.csv';

/**
 * The median line inference finds in the bundled summary sample: the
 * numbers in it that are their column's median, as the config writes them.
 */
export const SUMMARY_MEDIAN_MARKER = {
  at: 'middle',
  width: 7,
  key: 'driver_name',
  values: {
    driver_name: "'median'",
    percent_speeding: "median('percent_speeding')",
    'percent_speeding_non-interstate/freeway':
      "median('percent_speeding_non-interstate/freeway')",
    'percent_speeding_interstate/freeway':
      "median('percent_speeding_interstate/freeway')",
  },
};
