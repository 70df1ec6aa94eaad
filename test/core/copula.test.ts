import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { keyedStream, normal } from '../../src/core/random';
import { spearman } from '../../src/stats/spearman';
import { filesOf, readCsv } from '../support/csv';
import { runConfig, tempDir } from '../support/job';

/**
 * A sample of 400 readings from 20 units, where a distance A and a
 * duration B rise together (Spearman about 0.9) and a third column C is
 * unrelated to both.
 */
function writeSample(dir: string): string {
  const random = keyedStream('copula-sample');
  const lines = ['unit,T,A,B,C'];
  for (let i = 0; i < 400; i += 1) {
    const z1 = normal(random);
    const z2 = normal(random);
    const a = Math.exp(z1);
    const b = 600 + 120 * (0.9 * z1 + Math.sqrt(1 - 0.81) * z2);
    const seconds = 3600 + Math.floor(i / 20) * 1800 + (i % 20);
    const time = new Date((1_599_782_400 + seconds) * 1000)
      .toISOString()
      .replace('T', ' ')
      .slice(0, 19);
    const c = normal(random);
    lines.push(
      `${1000 + (i % 20)},${time},${a.toFixed(3)},${b.toFixed(1)},${c.toFixed(2)}`,
    );
  }
  const file = path.join(dir, 'PAIRS_20200911.csv');
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

function writeConfig(
  dir: string,
  extra: Record<string, unknown>,
  name = 'pairs.json',
): string {
  const config = {
    name: 'pairs',
    primary: 'pairs',
    entities: {
      unit: {
        attributes: [
          { name: 'unit', kind: 'identifier', digits: [4, 4], avoid: 'unit' },
        ],
      },
    },
    files: [
      {
        role: 'pairs',
        match: '^PAIRS_\\d{8}\\.csv$',
        output: "PAIRS_${format_time(day, 'YYYYMMDD')}.csv",
        entity: 'unit',
        entityKey: 'unit',
        rows: 'primary',
        columns: [
          { name: 'unit', kind: 'entity' },
          {
            name: 'T',
            kind: 'time',
            type: 'datetime',
            format: 'YYYY-MM-DD HH:mm:ss',
            sample: 'T',
          },
          { name: 'A', kind: 'number', type: 'number', sample: 'A' },
          { name: 'B', kind: 'number', type: 'number', sample: 'B' },
          { name: 'C', kind: 'number', type: 'number', sample: 'C' },
        ],
        ...extra,
      },
    ],
  };
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

const columnsOf = (
  records: Record<string, string>[],
  ...names: string[]
): number[][] => names.map((n) => records.map((r) => Number(r[n])));

describe('copula groups', () => {
  const dir = tempDir('fleetmocker-copula-');
  const sample = writeSample(dir);
  const sampleRecords = readCsv(sample).records;
  const sampleRho = spearman(
    ...(columnsOf(sampleRecords, 'A', 'B') as [number[], number[]]),
  )!;

  const run = async (config: string, seed = '42') => {
    const { result } = await runConfig([sample], config, {
      rows: 3000,
      range: '10-13-22:10-14-22',
      seed,
    });
    return result;
  };
  const mockRho = async (config: string, a: string, b: string) => {
    const records = filesOf(await run(config), 'pairs').flatMap(
      (f) => f.records,
    );
    const [x, y] = columnsOf(records, a, b);
    return spearman(x, y)!;
  };

  it('starts from a sample whose columns rise together', () => {
    expect(sampleRho).toBeGreaterThan(0.85);
    expect(sampleRho).toBeLessThan(0.95);
  });

  it('keeps the rank correlation of the columns it groups', async () => {
    const config = writeConfig(dir, { copula: [['A', 'B', 'C']] });

    const rho = await mockRho(config, 'A', 'B');
    const unrelated = await mockRho(config, 'A', 'C');

    expect(Math.abs(rho - sampleRho)).toBeLessThan(0.1);
    expect(Math.abs(unrelated)).toBeLessThan(0.1);
  });

  it('draws columns on their own without a group', async () => {
    const config = writeConfig(dir, {}, 'independent.json');

    expect(Math.abs(await mockRho(config, 'A', 'B'))).toBeLessThan(0.1);
  });

  it('gives the same bytes for the same seed', async () => {
    const config = writeConfig(dir, { copula: [['A', 'B']] });

    const hashes = async (seed: string) =>
      (await run(config, seed)).files.map((f) => f.sha256);

    expect(await hashes('7')).toEqual(await hashes('7'));
    expect(await hashes('7')).not.toEqual(await hashes('8'));
  });

  it("draws a row's values whatever order the entities are generated in", async () => {
    // Written by entity, each entity's rows are drawn in turn; ordered by
    // time, the entities' rows are drawn interleaved as the heap asks.
    const byEntity = writeConfig(dir, { copula: [['A', 'B']] });
    const byTime = writeConfig(
      dir,
      { copula: [['A', 'B']], order: { by: 'T' } },
      'by-time.json',
    );
    const rowsOf = async (config: string) =>
      filesOf(await run(config), 'pairs')
        .flatMap((f) => f.rows.map((r) => r.join(',')))
        .sort();

    const a = await rowsOf(byEntity);
    const b = await rowsOf(byTime);

    expect(a).toHaveLength(3000);
    expect(b).toEqual(a);
  });
});
