import { readFileSync } from 'node:fs';
import path from 'node:path';
import { inferPlan } from '../../src/infer';
import { readCsv, filesOf } from '../support/csv';
import { INCIDENT, PERFORM, runAuto, runInTemp, SUMMARY } from '../support/job';

describe('--config auto', () => {
  describe('on the PERFORM sample', () => {
    let run: Awaited<ReturnType<typeof runInTemp>>;
    let manifest: {
      config: { name: string; sha256: string; path: string };
      fidelity: { score: number; files: unknown[] };
    };

    beforeAll(async () => {
      run = await runAuto([PERFORM], {
        rows: 5000,
        range: '10-13-22:10-15-22',
        seed: '1',
      });
      manifest = JSON.parse(readFileSync(run.result.manifestLocation, 'utf8'));
    });

    // 0.85: a faithful column scores about 0.97 here (distances are
    // measured on samples of at most 2,000 values) and a counter such as
    // PACKETID, which runs on past the sample's range, less; a run below
    // 0.85 has a column or pair that has drifted well past that.
    it('scores an overall fidelity of at least 0.85', () => {
      console.log(
        `PERFORM with the inferred config: fidelity ${manifest.fidelity.score.toFixed(3)}\n` +
          JSON.stringify(manifest.fidelity.files, null, 1),
      );
      expect(manifest.fidelity.score).toBeGreaterThanOrEqual(0.85);
    });

    it('records config auto, its hash and the config it inferred', () => {
      expect(manifest.config.name).toBe('auto');
      const text = readFileSync(
        path.join(run.result.location, manifest.config.path),
        'utf8',
      );
      expect(JSON.parse(text).name).toBe('auto');
      const { createHash } = require('node:crypto');
      expect(manifest.config.sha256).toBe(
        createHash('sha256').update(text).digest('hex'),
      );
    });

    it('writes files that infer back to the same column kinds', () => {
      const days = filesOf(run.result, 'perform');
      const kindsOf = (name: string, text: string) =>
        inferPlan([{ name, text }]).files[0].columns.map(
          (c) => `${c.name}:${c.kind}:${c.format ?? ''}`,
        );
      const sample = kindsOf(
        'PERFORM_20200911.csv',
        readFileSync(PERFORM, 'utf8'),
      );
      expect(kindsOf(days[1].name, days[1].text)).toEqual(sample);
    });
  });

  it('generates the two daily reports, which infer back to the same kinds', async () => {
    const { result } = await runAuto([INCIDENT, SUMMARY], {
      rows: 2000,
      range: '10-13-22:10-14-22',
      seed: '7',
    });
    const names = result.files.map((f) => f.path);
    expect(names).toEqual([
      '2022-10-13/SG_20221013_DAILY_DRIVER_INCIDENT.csv',
      '2022-10-13/SG_20221013_DAILY_DRIVER_SUMMARY.csv',
      '2022-10-14/SG_20221014_DAILY_DRIVER_INCIDENT.csv',
      '2022-10-14/SG_20221014_DAILY_DRIVER_SUMMARY.csv',
    ]);
    const incident = readCsv(path.join(result.location, names[0]));
    expect(incident.header).toEqual(readCsv(INCIDENT).header);
    expect(incident.trailer[2]).toBe(
      '"Thursday, October 13, 2022 US/Eastern",UTC-04:00',
    );
    // Whole numbers with a dozen or so values are read as a category or
    // as integers depending on a value or two; counts that follow the
    // generated incidents fall either side of that line from day to day.
    const kindOf = (c: { type: string; kind: string }) =>
      c.type === 'number' && c.kind === 'category' ? 'integer' : c.kind;
    const kinds = (files: { name: string; text: string }[]) =>
      inferPlan(files).files.map((f) =>
        f.columns.map(
          (c) => `${c.name}:${kindOf(c)}:${c.format ?? ''}:${c.placeholders}`,
        ),
      );
    const sample = kinds(
      [INCIDENT, SUMMARY].map((f) => ({
        name: path.basename(f),
        text: readFileSync(f, 'utf8'),
      })),
    );
    const mock = kinds(
      ['incident', 'summary'].map((role) => filesOf(result, role)[1]),
    );
    expect(mock).toEqual(sample);
    expect(mock[1]).toContain(
      'worst_incident_date:datetime:YYYY-MM-DD HH:mm:ss:-',
    );
  });
});
