import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { inferPlan } from '../../src/infer';
import { filesOf } from '../support/csv';
import { runAuto, tempDir } from '../support/job';

/** A day of trips written the European way: semicolons, decimal commas. */
function semicolonSample(): string {
  const lines = ['\ufeffunit;when;litres;note'];
  for (let i = 0; i < 60; i++) {
    const minute = String(i % 60).padStart(2, '0');
    const litres = (10 + ((i * 37) % 50) / 4).toFixed(2).replace('.', ',');
    lines.push(
      `T${100 + (i % 6)};2021-03-03 0${i % 10}:${minute}:00;${litres};ok`,
    );
  }
  return lines.join('\r\n') + '\r\n';
}

describe('inference of a sample in another dialect', () => {
  it('reads semicolons and decimal commas', () => {
    const plan = inferPlan([
      { name: 'fuel_20210303.csv', text: semicolonSample() },
    ]);
    const [file] = plan.files;
    expect(file.table.header).toEqual(['unit', 'when', 'litres', 'note']);
    expect(file.table.delimiter).toBe(';');
    expect(file.table.newline).toBe('\r\n');
    const litres = file.columns[2];
    expect([litres.kind, litres.decimals, litres.values[0]]).toEqual([
      'decimal',
      2,
      10,
    ]);
  });

  it('generates from it with --config auto in the same dialect', async () => {
    const dir = tempDir('fleetmocker-dialect-');
    const sample = path.join(dir, 'fuel_20210303.csv');
    writeFileSync(sample, semicolonSample());
    const { result } = await runAuto([sample], {
      rows: 120,
      range: '10-13-22:10-14-22',
      seed: '5',
    });
    const [first] = filesOf(result, 'fuel');
    expect(first.name).toBe('fuel_20221013.csv');
    const text = readFileSync(path.join(result.location, first.path), 'utf8');
    expect(text.split('\r\n')[0]).toBe('\ufeffunit;when;litres;note');
    expect(text.split('\r\n')[1]).toMatch(
      /^T\d+;2022-10-13 \d\d:\d\d:\d\d;\d+,\d\d;ok$/,
    );
  });
});
