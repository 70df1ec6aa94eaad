import { ColumnProfiler, type ColumnProfile } from '../../src/report/profile';

const HEADER = ['SPEED', 'STRT_DATIME', 'DRIVERNAME', 'SPEED_TYPE', 'MIXED'];
const ROWS = [
  ['64', '2020-09-09 22:05:11', 'Scott Howard', '', '65'],
  ['72', '2020-09-09 22:17:17.255000000', 'Frank Sanders', '', 'B'],
  ['', '2020-09-10T01:00:00Z', 'Scott Howard', '', '2020-09-09 22:05:11'],
  ['104', '', '', '', '65'],
];

function profilesOf(
  header: string[],
  rows: string[][],
): Record<string, ColumnProfile> {
  const profiler = new ColumnProfiler(header);
  rows.forEach((row) => profiler.add(row));
  return Object.fromEntries(profiler.profiles().map((p) => [p.name, p]));
}

describe('ColumnProfiler', () => {
  const profiles = profilesOf(HEADER, ROWS);

  it('returns one profile per column, in header order', () => {
    const profiler = new ColumnProfiler(HEADER);
    expect(profiler.profiles().map((p) => p.name)).toEqual(HEADER);
  });

  it('profiles a number column exactly', () => {
    expect(profiles.SPEED).toEqual({
      name: 'SPEED',
      kind: 'number',
      count: 4,
      empty: 1,
      distinct: 3,
      capped: false,
      min: 64,
      mean: 80,
      max: 104,
      top: [
        { value: '104', count: 1 },
        { value: '64', count: 1 },
        { value: '72', count: 1 },
      ],
      sample: [64, 72, 104],
      raw: ['64', '72', '104'],
    });
  });

  it('reads datetimes of each export format as epoch milliseconds', () => {
    const first = Date.UTC(2020, 8, 9, 22, 5, 11);
    const second = Date.UTC(2020, 8, 9, 22, 17, 17, 255);
    const third = Date.UTC(2020, 8, 10, 1);
    const p = profiles.STRT_DATIME;

    expect(p.kind).toBe('datetime');
    expect([p.count, p.empty, p.distinct]).toEqual([4, 1, 3]);
    expect(p.min).toBe(first);
    expect(p.max).toBe(third);
    expect(p.mean).toBe((first + second + third) / 3);
    expect(p.sample).toEqual([first, second, third]);
  });

  it('counts text values, most frequent first', () => {
    const p = profiles.DRIVERNAME;

    expect(p.kind).toBe('text');
    expect([p.empty, p.distinct]).toEqual([1, 2]);
    expect(p.top).toEqual([
      { value: 'Scott Howard', count: 2 },
      { value: 'Frank Sanders', count: 1 },
    ]);
    expect([p.min, p.mean, p.max]).toEqual([null, null, null]);
    expect(p.sample).toEqual([]);
  });

  it('calls a column with no value empty', () => {
    const p = profiles.SPEED_TYPE;

    expect(p).toMatchObject({ kind: 'empty', count: 4, empty: 4 });
    expect([p.distinct, p.top.length, p.min]).toEqual([0, 0, null]);
  });

  it('calls a column text when numbers and datetimes mix', () => {
    expect(profiles.MIXED.kind).toBe('text');
    expect(profiles.MIXED.top[0]).toEqual({ value: '65', count: 2 });
  });

  it('keeps a column of whole-number seconds a number, not a datetime', () => {
    const p = profilesOf(['LONG_IDLE_THRESH'], [['300'], ['600']]);
    expect(p.LONG_IDLE_THRESH.kind).toBe('number');
  });

  it('counts missing fields of a short row as empty', () => {
    const p = profilesOf(['SPEED', 'DRIVERNAME'], [['64'], ['72', 'Ann Lee']]);

    expect(p.DRIVERNAME).toMatchObject({ count: 2, empty: 1, distinct: 1 });
  });

  it('lists at most eight top values, ties in value order', () => {
    const names = 'ABCDEFGHIJ'.split('').map((c) => [`Driver ${c}`]);
    const p = profilesOf(['DRIVERNAME'], [...names, ['Driver J']]);

    expect(p.DRIVERNAME.top.map((t) => t.value)).toEqual([
      'Driver J',
      'Driver A',
      'Driver B',
      'Driver C',
      'Driver D',
      'Driver E',
      'Driver F',
      'Driver G',
    ]);
  });

  it('keeps memory bounded over 200,000 distinct values', () => {
    const profiler = new ColumnProfiler(['UNIQKEY', 'SPEED']);
    for (let i = 0; i < 200_000; i += 1) {
      profiler.add([`1599700637263.837450.${i}`, String(i % 130)]);
    }
    const [key, speed] = profiler.profiles();

    expect(key).toMatchObject({ distinct: 10_000, capped: true });
    expect(key.top).toHaveLength(8);
    expect(key.sample).toEqual([]);
    expect(speed).toMatchObject({
      kind: 'number',
      distinct: 130,
      capped: false,
      min: 0,
      max: 129,
    });
    // 1,538 full cycles of 0..129 and then 0..59.
    expect(speed.mean).toBeCloseTo((1538 * 8385 + 1770) / 200_000, 10);
    expect(speed.sample).toHaveLength(2000);
    expect(speed.top[0]).toEqual({ value: '0', count: 1539 });
  });

  it('keeps a datetime mean exact past 2^53 of summed epochs', () => {
    const start = Date.UTC(2020, 8, 9, 22, 5, 11);
    const rows = Array.from({ length: 20_001 }, (_, i) => [
      formatSeconds(start + i * 1000),
    ]);
    const p = profilesOf(['STRT_DATIME'], rows);

    expect(p.STRT_DATIME.mean).toBe(start + 10_000 * 1000);
  });

  it('honours smaller limits', () => {
    const profiler = new ColumnProfiler(['DRIVERNAME'], {
      distinctCap: 3,
      sampleSize: 2,
      topSize: 2,
    });
    ['Ann', 'Bo', 'Cy', 'Di', 'Ann'].forEach((n) => profiler.add([n]));
    const [p] = profiler.profiles();

    expect(p).toMatchObject({ distinct: 3, capped: true });
    expect(p.top).toEqual([
      { value: 'Ann', count: 2 },
      { value: 'Bo', count: 1 },
    ]);
  });

  it('gives the same sample for the same rows', () => {
    const run = (): number[] => {
      const profiler = new ColumnProfiler(['SPEED']);
      for (let i = 0; i < 10_000; i += 1) profiler.add([String(i)]);
      return profiler.profiles()[0].sample;
    };

    expect(run()).toEqual(run());
  });

  it('keeps whole rows, padded to the header, for pairing values', () => {
    const profiler = new ColumnProfiler(['A', 'B'], { rowSampleSize: 3 });
    profiler.add(['1', '2']);
    profiler.add(['3']);

    expect(profiler.header()).toEqual(['A', 'B']);
    expect(profiler.rows()).toEqual([
      ['1', '2'],
      ['3', ''],
    ]);
  });

  it('keeps at most the limit of rows, the same ones for the same rows', () => {
    const run = () => {
      const profiler = new ColumnProfiler(['A', 'B'], { rowSampleSize: 50 });
      for (let i = 0; i < 10_000; i += 1) {
        profiler.add([String(i), String(i % 7)]);
      }
      return profiler.rows();
    };

    const rows = run();

    expect(rows).toHaveLength(50);
    expect(rows.every(([a, b]) => Number(a) % 7 === Number(b))).toBe(true);
    expect(rows).toEqual(run());
  });

  it('rejects a limit that is not a positive integer', () => {
    expect(() => new ColumnProfiler(['SPEED'], { sampleSize: 0 })).toThrow(
      'sampleSize: expected a positive integer',
    );
  });
});

function formatSeconds(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 19).replace('T', ' ');
}
