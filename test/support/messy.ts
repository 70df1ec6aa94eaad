import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import type { RunResult } from '../../src/pipeline';
import { sniffSample } from '../../src/sample/dialect';
import type { Encoding } from '../../src/sample/encoding';
import { runInTemp, tempDir } from './job';

export const MESSY = path.resolve(__dirname, '../fixtures/messy');

/** A column of a tiny config: a name, or a name with its type. */
export type TinyColumn =
  | string
  | {
      name: string;
      type: 'number';
      decimals?: number;
      decimalSeparator?: '.' | ',';
    };

/**
 * A config with one file whose columns each draw the sample's values, so
 * a messy sample's layout is all that is tested. The second column names
 * the entity.
 */
export function tinyConfig(
  columns: TinyColumn[],
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const specs = columns.map((c) =>
    typeof c === 'string' ? { name: c, type: 'text' as const } : c,
  );
  return {
    name: 'messy',
    primary: 'messy',
    entities: { thing: {} },
    files: [
      {
        role: 'messy',
        match: '.*',
        output: "mock_${format_time(day, 'YYYYMMDD')}.csv",
        entity: 'thing',
        entityKey: specs[1].name,
        rows: 'primary',
        columns: specs.map((c) => ({
          ...c,
          kind: 'choice',
          sample: `\`${c.name}\``,
        })),
        ...extra,
      },
    ],
  };
}

/** Writes a sample into a fresh folder and gives its path. */
export function sampleFile(name: string, content: string | Uint8Array) {
  const file = path.join(tempDir('fleetmocker-messy-'), name);
  writeFileSync(file, content);
  return file;
}

/** Runs a tiny config over one sample for one day. */
export async function runTiny(
  sample: string,
  config: Record<string, unknown>,
  extra: string[] = [],
  rows = 30,
): Promise<RunResult> {
  const configFile = path.join(tempDir('fleetmocker-config-'), 'messy.json');
  writeFileSync(configFile, JSON.stringify(config));
  const { result } = await runInTemp([
    '--files',
    sample,
    '--config',
    configFile,
    '--data_size',
    String(rows),
    '--date_range',
    '10-13-22:10-13-22',
    '--seed',
    '7',
    ...extra,
  ]);
  return result;
}

/**
 * A written mock read back independently: its bytes, its dialect as
 * sniffed afresh, and its records.
 */
export function readMock(result: RunResult, encoding?: Encoding) {
  const file = result.files[0];
  const bytes = readFileSync(path.join(result.location, file.path));
  const { text, dialect } = sniffSample(bytes, file.path, { encoding });
  const parsed = Papa.parse<string[]>(text, {
    delimiter: dialect.delimiter,
    newline: dialect.newline,
    skipEmptyLines: true,
  });
  const [header, ...rows] = parsed.data;
  return { bytes, text, dialect, header, rows, errors: parsed.errors };
}
