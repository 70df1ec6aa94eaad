import { formatRuns } from '../../src/db/format-runs';
import type { RunSummary } from '../../src/db/runlog';

function run(overrides: Partial<RunSummary>): RunSummary {
  return {
    runId: 'run-1',
    startedAt: new Date('2026-03-01T08:00:00.000Z'),
    finishedAt: new Date('2026-03-01T08:00:12.345Z'),
    status: 'succeeded',
    args: {},
    seed: 'seed-1',
    configName: 'perform',
    configHash: 'abc123',
    totalRows: 4333,
    totalBytes: 912000,
    error: null,
    stages: [],
    ...overrides,
  };
}

describe('formatRuns', () => {
  it('says so when there are no runs', () => {
    expect(formatRuns([])).toBe('No runs recorded yet.');
  });

  it('prints one aligned line per run with stage milliseconds', () => {
    const stage = (name: 'read' | 'write', durationMs: number) => ({
      stage: name,
      startedAt: new Date('2026-03-01T08:00:01.000Z'),
      durationMs,
      rows: 10,
      bytes: 100,
    });
    const runs = [
      run({
        runId: 'run-2',
        stages: [
          stage('read', 12.4),
          stage('write', 800),
          stage('write', 99.6),
        ],
      }),
      run({
        runId: 'run-1b',
        startedAt: new Date('2026-02-28T23:59:59.999Z'),
        finishedAt: null,
        status: 'running',
        configName: 'sg-daily',
        totalRows: null,
        totalBytes: null,
      }),
    ];

    expect(formatRuns(runs)).toBe(
      [
        'RUN ID  STARTED (UTC)        STATUS     CONFIG    ROWS  SECONDS' +
          '  READ MS  PROFILE MS  GENERATE MS  WRITE MS  REPORT MS',
        'run-2   2026-03-01 08:00:00  succeeded  perform   4333     12.3' +
          '       12           -            -       900          -',
        'run-1b  2026-02-28 23:59:59  running    sg-daily     -        -' +
          '        -           -            -         -          -',
      ].join('\n'),
    );
  });

  it('lists the errors of failed runs under the table', () => {
    const failed = run({
      status: 'failed',
      error: { code: 'E_SAMPLE', message: 'sample file is empty' },
    });

    const lines = formatRuns([failed]).split('\n');

    expect(lines.slice(2)).toEqual([
      '',
      'Errors:',
      'run-1: E_SAMPLE sample file is empty',
    ]);
  });
});
