import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { inferConfigText } from '../../src/infer';
import { filesOf } from '../support/csv';
import { runAuto, tempDir } from '../support/job';

// Twelve rows for each of 25 vehicles, and no column that follows the
// vehicle: nothing but its name or the shape of its codes says that it
// names the entity.
const sample = (header: string, vehicle: (v: number) => string) =>
  `${header},speed,status\n` +
  Array.from({ length: 300 }, (_, i) => {
    const status = ['ok', 'warn', 'stop'][(i * 7) % 3];
    return `${vehicle(i % 25)},${(i * 37) % 101},${status}`;
  }).join('\n') +
  '\n';

const keyOf = (text: string) => {
  const config = JSON.parse(inferConfigText([{ name: 'trips.csv', text }]));
  const file = config.files[0];
  const key = file.columns.find(
    (c: { name: string }) => c.name === file.entityKey,
  );
  return { name: file.entityKey, kind: key.kind };
};

describe('the entity of a sample where no column follows it', () => {
  it('is the column whose name says so', () => {
    expect(keyOf(sample('unit', (v) => String(500 + v * 13)))).toEqual({
      name: 'unit',
      kind: 'entity',
    });
  });

  it('is a column of codes of one shape', () => {
    expect(keyOf(sample('Fahrzeug', (v) => `TRK-${400 + v}`))).toEqual({
      name: 'Fahrzeug',
      kind: 'entity',
    });
  });

  it('keeps each mock vehicle on many rows, as in the sample', async () => {
    const file = path.join(tempDir('fleetmocker-entity-'), 'trips.csv');
    writeFileSync(
      file,
      sample('Fahrzeug', (v) => `TRK-${400 + v}`),
    );
    const { result } = await runAuto([file], {
      rows: 600,
      range: '03-26-23:03-27-23',
      seed: '1',
    });
    const vehicles = filesOf(result, result.files[0].role)
      .flatMap((f) => f.records)
      .map((r) => r.Fahrzeug);

    expect(vehicles).toHaveLength(600);
    expect(new Set(vehicles).size).toBe(result.entities.fahrzeug);
    expect(new Set(vehicles).size).toBeLessThan(60);
    expect(vehicles.every((v) => /^TRK-\d{3}$/.test(v))).toBe(true);
  });
});
