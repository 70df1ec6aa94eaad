import {
  ColumnProfiler,
  compareProfiles,
  type ColumnChart,
  type ColumnProfile,
} from '../../src/report/profile';

function profiles(header: string[], rows: string[][]): ColumnProfile[] {
  const profiler = new ColumnProfiler(header);
  rows.forEach((row) => profiler.add(row));
  return profiler.profiles();
}

function column(name: string, values: string[]): ColumnProfile[] {
  return profiles(
    [name],
    values.map((v) => [v]),
  );
}

function chartOf(sample: ColumnProfile[], mock: ColumnProfile[]): ColumnChart {
  return compareProfiles(sample, mock)[0].chart;
}

describe('compareProfiles', () => {
  it('shares twenty equal bins over the union of both ranges', () => {
    const chart = chartOf(
      column('SPEED', ['0', '5', '50']),
      column('SPEED', ['20', '100']),
    );

    expect(chart.type).toBe('histogram');
    if (chart.type !== 'histogram') return;
    expect(chart.kind).toBe('number');
    expect(chart.edges).toEqual(Array.from({ length: 21 }, (_, i) => i * 5));
  });

  it('puts edge values in the bin above and the maximum in the last', () => {
    const chart = chartOf(
      column('SPEED', ['0', '5', '5', '50']),
      column('SPEED', ['20', '100']),
    );
    if (chart.type !== 'histogram') throw new Error('expected a histogram');

    const sample = new Array(20).fill(0);
    sample[0] = 0.25;
    sample[1] = 0.5;
    sample[10] = 0.25;
    const mock = new Array(20).fill(0);
    mock[4] = 0.5;
    mock[19] = 0.5;
    expect(chart.sample).toEqual(sample);
    expect(chart.mock).toEqual(mock);
  });

  it('turns counts into shares so files of different sizes compare', () => {
    const chart = chartOf(
      column('OVER_SPEED_THRESH', ['62', '65']),
      column('OVER_SPEED_THRESH', [
        ...Array(30).fill('62'),
        ...Array(90).fill('65'),
      ]),
    );
    if (chart.type !== 'histogram') throw new Error('expected a histogram');

    expect(chart.sample?.[0]).toBe(0.5);
    expect(chart.sample?.[19]).toBe(0.5);
    expect(chart.mock?.[0]).toBe(0.25);
    expect(chart.mock?.[19]).toBe(0.75);
  });

  it('uses one bin when both sides hold a single value', () => {
    const chart = chartOf(
      column('RPM_THRESH', ['2100', '2100']),
      column('RPM_THRESH', ['2100']),
    );

    expect(chart).toEqual({
      type: 'histogram',
      kind: 'number',
      edges: [2100, 2100],
      sample: [1],
      mock: [1],
    });
  });

  it('bins datetimes on epoch milliseconds', () => {
    const chart = chartOf(
      column('STRT_DATIME', ['2020-09-09 22:00:00', '2020-09-09 23:00:00']),
      column('STRT_DATIME', ['2020-09-09 22:30:00']),
    );
    if (chart.type !== 'histogram') throw new Error('expected a histogram');

    const start = Date.UTC(2020, 8, 9, 22);
    expect(chart.kind).toBe('datetime');
    expect(chart.edges[0]).toBe(start);
    expect(chart.edges[1]).toBe(start + 180_000);
    expect(chart.edges[20]).toBe(start + 3_600_000);
    expect(chart.mock?.[10]).toBe(1);
  });

  it('compares text as the union of both top values', () => {
    const chart = chartOf(
      column('DRIVERNAME', [
        'Scott Howard',
        'Scott Howard',
        'Frank Sanders',
        '',
      ]),
      column('DRIVERNAME', [
        'Scott Howard',
        'Emily Rivera',
        'Emily Rivera',
        'Emily Rivera',
      ]),
    );

    expect(chart).toEqual({
      type: 'categories',
      labels: ['Emily Rivera', 'Scott Howard', 'Frank Sanders'],
      sample: [0, 2 / 3, 1 / 3],
      mock: [0.75, 0.25, 0],
    });
  });

  it('leaves a share unknown when the value is below a long top list', () => {
    const many = 'ABCDEFGHIJ'.split('').map((c) => `Driver ${c}`);
    const chart = chartOf(
      column('DRIVERNAME', [...many, 'Driver A']),
      column('DRIVERNAME', ['Driver J', 'Driver J']),
    );
    if (chart.type !== 'categories') throw new Error('expected categories');

    expect(chart.labels[0]).toBe('Driver J');
    expect(chart.sample?.[0]).toBeNull();
    expect(chart.mock?.[0]).toBe(1);
    expect(chart.mock?.[1]).toBe(0);
  });

  it('falls back to categories when the kinds differ', () => {
    const chart = chartOf(
      column('SPEED', ['72', '72', '105']),
      column('SPEED', ['72', 'N/A']),
    );

    expect(chart).toMatchObject({
      type: 'categories',
      labels: ['72', 'N/A', '105'],
    });
  });

  it('draws nothing for identifiers or columns empty on both sides', () => {
    const keys = ['1599700637263.837450.223', '1599701211162.103888.629'];

    expect(chartOf(column('UNIQKEY', keys), column('UNIQKEY', keys))).toEqual({
      type: 'none',
      reason: 'distinct',
    });
    expect(
      chartOf(column('SPEED_CAP', ['']), column('SPEED_CAP', [''])),
    ).toEqual({
      type: 'none',
      reason: 'empty',
    });
  });

  it('charts the side that has values when the other is empty', () => {
    const chart = chartOf(column('SPEED', ['']), column('SPEED', ['64', '72']));

    expect(chart).toMatchObject({ type: 'histogram', sample: null });
  });

  it('matches by name and appends columns found only in the mock', () => {
    const sample = profiles(['SPEED', 'DRIVERNAME'], [['64', 'Ann Lee']]);
    const mock = profiles(['DRIVERNAME', 'VEHICLE'], [['Ann Lee', '77897']]);
    const compared = compareProfiles(sample, mock);

    expect(compared.map((c) => c.name)).toEqual([
      'SPEED',
      'DRIVERNAME',
      'VEHICLE',
    ]);
    expect(compared[0].mock).toBeNull();
    expect(compared[1].mock?.name).toBe('DRIVERNAME');
    expect(compared[2].sample).toBeNull();
    expect(compared[0].chart).toMatchObject({ type: 'histogram', mock: null });
  });

  it('rejects a bin count that is not a positive integer', () => {
    expect(() => compareProfiles([], [], 0)).toThrow(RangeError);
  });
});
