import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runAuto, tempDir } from '../support/job';

// Day-first dates with decimal commas, as a German export writes them.
const SAMPLE =
  'Fahrzeug;Zeitstempel;Strecke_km\n' +
  Array.from({ length: 240 }, (_, i) => {
    const hour = String(6 + (i % 12)).padStart(2, '0');
    const minute = String((i * 7) % 60).padStart(2, '0');
    return `TRK-${400 + (i % 20)};1${i % 8}.03.2023 ${hour}:${minute}:00;${(i % 40) + 1},${i % 10}`;
  }).join('\n') +
  '\n';

describe('fidelity of columns in the layouts of a config', () => {
  it('scores day-first date-times by time of day and decimal commas by value', async () => {
    const file = path.join(tempDir('fleetmocker-readable-'), 'fahrten.csv');
    writeFileSync(file, SAMPLE);
    const { result } = await runAuto([file], {
      rows: 600,
      range: '03-26-23:03-27-23',
      seed: '2',
    });
    const manifest = JSON.parse(readFileSync(result.manifestLocation, 'utf8'));
    const columns: { name: string; method: string; score: number }[] =
      manifest.fidelity.files[0].columns;
    const byName = new Map(columns.map((c) => [c.name, c]));

    expect(byName.get('Zeitstempel')?.method).toBe('time-of-day');
    expect(byName.get('Zeitstempel')?.score).toBeGreaterThan(0.85);
    expect(byName.get('Strecke_km')?.method).toBe('values');
  });
});
