import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { filesOf } from '../support/csv';
import { runAuto, tempDir } from '../support/job';

const rows = (n: number, row: (i: number) => string) =>
  Array.from({ length: n }, (_, i) => row(i)).join('\n') + '\n';

/** Samples that stretch inference: each must generate without error. */
const samples: [string, string, string][] = [
  ['one row', 'one_row_20210101.csv', 'a,b\n1,x\n'],
  ['one column', 'single.csv', 'only\n' + rows(14, (i) => String(i + 1))],
  [
    'categories and no entity',
    'cats.csv',
    'colour,size\n' +
      rows(30, (i) => `${['red', 'blue'][i % 2]},${['S', 'M', 'L'][i % 3]}`),
  ],
  [
    'quoted fields holding commas, quotes, line breaks and ${',
    'quoted_2021-02-03.csv',
    'id,"note, long",when\n' +
      rows(
        25,
        (i) =>
          `${i},"he said ""hi"", \${x}\nthen left",2021-02-03 0${i % 10}:00:00`,
      ),
  ],
  [
    'odd column names',
    'odd names.csv',
    '"speed (km/h)",day,a.b,`tick`,empty\n' +
      rows(40, (i) => `${i * 1.5},${i % 7},${i},${i % 3},`),
  ],
  [
    'a placeholder with a quote in it',
    'quote.csv',
    'v\n' + rows(40, (i) => (i % 9 ? String(i * 3) : "n'a")),
  ],
  [
    'times of day without dates',
    'clock.csv',
    'unit,at\n' +
      rows(
        30,
        (i) =>
          `U${i % 4},${String(6 + (i % 12)).padStart(2, '0')}:1${i % 6}:00`,
      ),
  ],
  [
    'date-times in several layouts',
    'mixed.csv',
    'when,v\n2021-01-01 10:00:00,1\n01/02/2021,2\n2021-01-03,3\n-,4\n',
  ],
];

describe('--config auto on odd samples', () => {
  it.each(samples)('generates from %s', async (_, name, text) => {
    const dir = tempDir('fleetmocker-odd-');
    const file = path.join(dir, name);
    writeFileSync(file, text);
    const { result } = await runAuto([file], {
      rows: 50,
      range: '10-13-22:10-14-22',
      seed: '3',
    });
    expect(result.files).toHaveLength(2);
    const [first] = filesOf(result, result.files[0].role);
    expect(first.header).toEqual(Papa.parse<string[]>(text).data[0]);
  });

  it('gives a file the role named with file:role', async () => {
    const dir = tempDir('fleetmocker-odd-');
    const file = path.join(dir, 'export.csv');
    writeFileSync(file, 'unit,v\n' + rows(30, (i) => `U${i % 5},${i}`));
    const { result } = await runAuto([`${file}:trips`], {
      rows: 60,
      range: '10-13-22:10-13-22',
      seed: '3',
    });
    expect(result.files.map((f) => [f.role, f.name])).toEqual([
      ['trips', 'export.csv'],
    ]);
  });

  it('keeps a quoted placeholder as often as the sample', async () => {
    const dir = tempDir('fleetmocker-odd-');
    const file = path.join(dir, 'quote.csv');
    writeFileSync(file, 'v\n' + rows(90, (i) => (i % 9 ? String(i) : "n'a")));
    const { result } = await runAuto([file], {
      rows: 900,
      range: '10-13-22:10-13-22',
      seed: '3',
    });
    const text = readFileSync(
      path.join(result.location, result.files[0].path),
      'utf8',
    );
    const share = text.split("\nn'a").length / 900;
    expect(share).toBeGreaterThan(0.07);
    expect(share).toBeLessThan(0.16);
  });
});
