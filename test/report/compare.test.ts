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
      edges: [2100, 2100],
      sample: [1],
      mock: [1],
    });
  });

  it('charts datetimes by hour of the day, whatever their year', () => {
    const chart = chartOf(
      column('STRT_DATIME', [
        '2020-09-09 01:05:11',
        '2020-09-10 01:59:59.999',
        '2020-09-11 13:00:00',
        '',
      ]),
      column('STRT_DATIME', [
        '2023-03-01 13:30:00',
        '2023-03-02 13:45:00',
        '2023-03-03 01:00:00',
        '2023-03-04 13:59:59',
      ]),
    );

    const sample = new Array(24).fill(0);
    sample[1] = 2 / 3;
    sample[13] = 1 / 3;
    const mock = new Array(24).fill(0);
    mock[1] = 0.25;
    mock[13] = 0.75;
    expect(chart).toEqual({ type: 'timeOfDay', sample, mock });
  });

  it('puts midnight in the first hour and a zoned time at its UTC hour', () => {
    const chart = chartOf(
      column('time', [
        '2020-06-09',
        '2020-06-09 00:00:00',
        '2020-06-09 23:59:59',
        '2020-06-10T01:30:00+02:00',
      ]),
      column('time', ['']),
    );

    const sample = new Array(24).fill(0);
    sample[0] = 0.5;
    sample[23] = 0.5;
    expect(chart).toEqual({ type: 'timeOfDay', sample, mock: null });
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
    // Nine drivers, so the sample's top eight leave out Driver I; few
    // enough, and Driver A frequent enough, that bars stay readable.
    const others = 'BCDEFGHI'
      .split('')
      .flatMap((c) => [`Driver ${c}`, `Driver ${c}`]);
    const chart = chartOf(
      column('DRIVERNAME', [...Array(10).fill('Driver A'), ...others]),
      column('DRIVERNAME', ['Driver I', 'Driver I']),
    );
    if (chart.type !== 'categories') throw new Error('expected categories');

    expect(chart.labels.slice(0, 2)).toEqual(['Driver I', 'Driver A']);
    expect(chart.sample?.slice(0, 2)).toEqual([null, 10 / 26]);
    expect(chart.mock?.slice(0, 2)).toEqual([1, 0]);
  });

  it('sums up values too many for their rows instead of bars', () => {
    const drivers = 'ABCDEFGHIJ'.split('').map((c) => `Driver ${c}`);
    const chart = chartOf(
      column('DRIVERNAME', [...drivers, 'Driver A', '']),
      column('DRIVERNAME', ['Driver J', 'Driver J']),
    );

    // Ten distinct in eleven values; the top eight are Driver A twice and
    // seven drivers once.
    expect(chart).toEqual({
      type: 'spread',
      sample: {
        values: 11,
        distinct: 10,
        capped: false,
        listed: 8,
        listedShare: 9 / 11,
      },
      mock: {
        values: 2,
        distinct: 1,
        capped: false,
        listed: 1,
        listedShare: 1,
      },
    });
  });

  it('sums up values whose top ones hold under a fifth of the rows', () => {
    // Fifty drivers twice each: distinct is half the rows, not more, but
    // the top eight hold 16% of them.
    const drivers = Array.from({ length: 50 }, (_, i) => `D${100 + i}`);
    const chart = chartOf(
      column('driver_id', [...drivers, ...drivers]),
      column('driver_id', ['D100', 'D100', 'D101']),
    );

    expect(chart).toMatchObject({
      type: 'spread',
      sample: { values: 100, distinct: 50, listed: 8, listedShare: 0.16 },
      mock: { values: 3, distinct: 2, listed: 2, listedShare: 1 },
    });
  });

  it('counts a capped side as listing only part of its values', () => {
    const profiler = new ColumnProfiler(['map'], { distinctCap: 2 });
    ['A', 'A', 'B', ...'CDEFGHIJKLMNOPQ'].forEach((v) => profiler.add([v]));
    const chart = chartOf(profiler.profiles(), column('map', ['A', 'A']));

    // Both counted values are listed, yet fifteen more went uncounted.
    expect(chart).toMatchObject({
      type: 'spread',
      sample: {
        values: 18,
        distinct: 2,
        capped: true,
        listed: 2,
        listedShare: 3 / 18,
      },
    });
  });

  it('keeps bars when every side lists all of its values', () => {
    const chart = chartOf(
      column('vehicle_type', ['B', 'B', '8']),
      column('vehicle_type', ['B', '8', 'Daily Incident [Driver] Report']),
    );

    // Two distinct in three values would count as spread, were a value
    // missing from the bars.
    expect(chart).toEqual({
      type: 'categories',
      labels: ['B', '8', 'Daily Incident [Driver] Report'],
      sample: [2 / 3, 1 / 3, 0],
      mock: [1 / 3, 1 / 3, 1 / 3],
    });
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
