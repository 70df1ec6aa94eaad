import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { inferConfigText } from '../../src/infer';
import { filesOf } from '../support/csv';
import { runAuto, tempDir } from '../support/job';

const rows = (n: number, row: (i: number) => string) =>
  Array.from({ length: n }, (_, i) => row(i)).join('\n') + '\n';

// Each colour comes in one size only, and trucks only in two colours; a
// colour names a group of rows, so inference takes it for the entity.
const LIVERIES = [
  ['red', 'S', 'van'],
  ['blue', 'L', 'truck'],
  ['green', 'M', 'van'],
  ['white', 'L', 'truck'],
];
const LIVERY_SAMPLE =
  'unit,colour,size,body,load\n' +
  rows(120, (i) => {
    const livery = LIVERIES[(i + Math.floor(i / 40)) % 4].join(',');
    return `U${i % 40},${livery},${(i * 1.37).toFixed(2)}`;
  });

// Late trips have a reason, on-time ones none; each vehicle, kept at one
// depot, has both.
const OUTCOMES = [
  ['ok', 'none'],
  ['late', 'traffic'],
  ['ok', 'none'],
  ['late', 'weather'],
  ['ok', 'none'],
];
const TRIP_SAMPLE =
  'vehicle,depot,status,reason,km\n' +
  rows(200, (i) => {
    const outcome = OUTCOMES[(i + Math.floor(i / 20)) % 5].join(',');
    const vehicle = `${31000 + (i % 20)},D${i % 4}`;
    return `${vehicle},${outcome},${((i * 7.3) % 90).toFixed(1)}`;
  });

type Column = { name: string };

function inferred(name: string, text: string) {
  const config = JSON.parse(inferConfigText([{ name, text }]));
  const columns: Column[] = config.files[0].columns;
  return {
    column: (n: string) => columns.find((c) => c.name === n),
    attributes: Object.values(config.entities)[0] as { attributes: Column[] },
  };
}

async function mockCombinations(name: string, text: string, columns: string[]) {
  const file = path.join(tempDir('fleetmocker-pairs-'), name);
  writeFileSync(file, text);
  const { result } = await runAuto([file], {
    rows: 2000,
    range: '10-13-22:10-14-22',
    seed: '5',
  });
  const records = filesOf(result, result.files[0].role).flatMap(
    (f) => f.records,
  );
  expect(records).toHaveLength(2000);
  return new Set(records.map((r) => columns.map((c) => r[c]).join(',')));
}

describe('categories inferred from a sample', () => {
  it('draw the entity category with its settings', () => {
    const { attributes } = inferred('fleet.csv', LIVERY_SAMPLE);

    expect(attributes.attributes).toEqual([
      {
        name: 'SETTINGS',
        kind: 'choice',
        sample: { colour: 'colour', size: 'size', body: 'body' },
        file: 'fleet',
      },
      { name: 'colour', kind: 'expr', expr: 'SETTINGS.colour' },
    ]);
  });

  it('draw free categories of a row together', () => {
    const { column } = inferred('trips.csv', TRIP_SAMPLE);

    expect(column('CATEGORIES')).toMatchObject({
      kind: 'choice',
      hidden: true,
      sample: { status: 'status', reason: 'reason' },
    });
    expect(column('reason')).toEqual({
      name: 'reason',
      kind: 'expr',
      expr: 'CATEGORIES.reason',
    });
  });

  it.each([
    ['fleet.csv', LIVERY_SAMPLE, ['colour', 'size', 'body'], LIVERIES],
    ['trips.csv', TRIP_SAMPLE, ['status', 'reason'], OUTCOMES],
  ])(
    'pair in the mock of %s only as in the sample',
    async (name, text, columns, combinations) => {
      const seen = await mockCombinations(name, text, columns);

      expect([...seen].sort()).toEqual(
        [...new Set(combinations.map((c) => c.join(',')))].sort(),
      );
    },
  );
});
