import { bundledConfigs } from '../../src/config/load';
import { planUpload } from '../../src/lambda/upload-run';

const configs = bundledConfigs();
const upload = (key: string, etag = '"e1"') => ({
  bucket: 'fleet',
  key,
  etag,
  eventTime: '2020-06-10T09:30:00.000Z',
});
const INCIDENT = 'samples/SG_20200609_DAILY_DRIVER_INCIDENT.csv';
const SUMMARY = 'samples/SG_20200609_DAILY_DRIVER_SUMMARY.csv';

describe('planUpload', () => {
  it('runs a single-file dataset at once, seeded by key and ETag', () => {
    const plan = planUpload(
      upload('samples/PERFORM_20200911.csv'),
      configs,
      [],
      [],
    );
    expect(plan).toMatchObject({ action: 'run', config: 'performance' });
    if (plan.action !== 'run') throw new Error('expected a run');
    expect(plan.runId).toMatch(/^s3-[0-9a-f]{16}$/);
    expect(plan.words).toEqual([
      '--files',
      's3://fleet/samples/PERFORM_20200911.csv:perform',
      '--config',
      'performance',
      '--seed',
      plan.runId.slice(3),
      '--date_range',
      '09-04-20:09-10-20',
    ]);
  });

  it('gives the same run for the same objects and another for a new ETag', () => {
    const a = planUpload(
      upload('samples/PERFORM_20200911.csv'),
      configs,
      [],
      [],
    );
    const b = planUpload(
      upload('samples/PERFORM_20200911.csv'),
      configs,
      [],
      [],
    );
    const c = planUpload(
      upload('samples/PERFORM_20200911.csv', '"e2"'),
      configs,
      [],
      [],
    );
    expect(a).toEqual(b);
    expect(c).not.toEqual(a);
  });

  it('gives another run for another bucket or other arguments', () => {
    const key = 'samples/PERFORM_20200911.csv';
    const base = planUpload(upload(key), configs, [], []);
    const elsewhere = planUpload(
      { ...upload(key), bucket: 'other' },
      configs,
      [],
      [],
    );
    const bigger = planUpload(upload(key), configs, [], ['--data_size', '9']);
    if (
      base.action !== 'run' ||
      elsewhere.action !== 'run' ||
      bigger.action !== 'run'
    ) {
      throw new Error('expected runs');
    }
    expect(new Set([base.runId, elsewhere.runId, bigger.runId]).size).toBe(3);
  });

  it('waits for the other files of a dataset of the same date', () => {
    expect(
      planUpload(
        upload(INCIDENT),
        configs,
        [{ key: INCIDENT, etag: 'e1' }],
        [],
      ),
    ).toEqual({
      action: 'wait',
      config: 'daily_reports',
      missing: ['summary'],
    });
    const otherDay = [
      { key: 'samples/SG_20200608_DAILY_DRIVER_SUMMARY.csv', etag: 'x' },
    ];
    expect(planUpload(upload(INCIDENT), configs, otherDay, [])).toMatchObject({
      action: 'wait',
    });
  });

  it('runs the dataset when its last file arrives, whichever it is', () => {
    const listing = [
      { key: INCIDENT, etag: '"i"' },
      { key: SUMMARY, etag: '"s"' },
    ];
    const bySummary = planUpload(upload(SUMMARY, '"s"'), configs, listing, [
      '--data_size',
      '900',
    ]);
    const byIncident = planUpload(upload(INCIDENT, '"i"'), configs, listing, [
      '--data_size',
      '900',
    ]);
    expect(bySummary).toMatchObject({ action: 'run', config: 'daily_reports' });
    if (bySummary.action !== 'run' || byIncident.action !== 'run')
      throw new Error('expected runs');
    expect(bySummary.runId).toBe(byIncident.runId);
    expect(bySummary.words).toContain('s3://fleet/' + SUMMARY + ':summary');
    expect(bySummary.words).toContain('s3://fleet/' + INCIDENT + ':incident');
    expect(bySummary.words.slice(-4)).toEqual([
      '--date_range',
      '06-02-20:06-08-20',
      '--data_size',
      '900',
    ]);
  });

  it('ignores an object no config recognises', () => {
    expect(planUpload(upload('samples/notes.csv'), configs, [], [])).toEqual({
      action: 'ignore',
      reason: 'samples/notes.csv matches no bundled config',
    });
  });
});
