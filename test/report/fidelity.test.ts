import {
  categoryDistance,
  columnFidelity,
  fidelity,
  ksStatistic,
} from '../../src/report/fidelity';
import type { RelationResult } from '../../src/report/model';
import {
  ColumnProfiler,
  compareProfiles,
  type ColumnComparison,
  type ColumnProfile,
  type ProfilerLimits,
} from '../../src/report/profile';

function profileOf(
  values: string[],
  limits: Partial<ProfilerLimits> = {},
): ColumnProfile {
  const profiler = new ColumnProfiler(['C'], limits);
  values.forEach((v) => profiler.add([v]));
  return profiler.profiles()[0];
}

function pair(
  sample: string[],
  mock: string[],
  limits: Partial<ProfilerLimits> = {},
): ColumnComparison {
  return compareProfiles(
    [profileOf(sample, limits)],
    [profileOf(mock, limits)],
  )[0];
}

const repeat = (value: string, times: number): string[] =>
  Array<string>(times).fill(value);

describe('ksStatistic', () => {
  it('is the largest gap between the two distribution functions', () => {
    // At 2 and at 3 one side has passed half its values more than the
    // other: 2/4 against 0/4, then 3/4 against 1/4.
    expect(ksStatistic([1, 2, 3, 4], [3, 4, 5, 6])).toBe(0.5);
  });

  it('steps over tied values on both sides at once', () => {
    // At 1: 2/3 against 1/3; at 2 both reach 1. Stepping one value at a
    // time would find 2/3 against 0 at the first 1.
    expect(ksStatistic([1, 1, 2], [1, 2, 2])).toBeCloseTo(1 / 3, 15);
  });

  it('compares sides of different sizes, given in any order', () => {
    // At 2: 2/3 of [1, 2, 3] against none of [2.5, 10].
    const a = [3, 1, 2];

    expect(ksStatistic(a, [10, 2.5])).toBeCloseTo(2 / 3, 15);
    expect(a).toEqual([3, 1, 2]);
  });

  it('is 0 for the same values and 1 for values that do not overlap', () => {
    expect(ksStatistic([5, 1, 3], [1, 3, 5])).toBe(0);
    expect(ksStatistic([1, 2], [3, 4, 5])).toBe(1);
  });

  it('counts empty cells as a value below all others', () => {
    // Half of one side is empty: the gap is 0.5 before any value.
    expect(ksStatistic([1, 2], [1, 2], 0.5, 0)).toBe(0.5);
    // [1, 3] with half empty against [2]: below 1 the gap is 0.5, at 1
    // it is 0.75 - 0, at 2 0.75 - 1, at 3 none.
    expect(ksStatistic([1, 3], [2], 0.5, 0)).toBe(0.75);
  });

  it('puts -Infinity, which marks a placeholder, above the empty cells', () => {
    // [-Infinity, 5] with a third empty: 1/3, then 2/3, then 1, against
    // [5, 5]: 0, 0, 1.
    expect(ksStatistic([-Infinity, 5], [5, 5], 1 / 3, 0)).toBeCloseTo(
      2 / 3,
      15,
    );
  });

  it('takes a side without values as all empty', () => {
    expect(ksStatistic([], [1, 2], 1, 0.5)).toBe(0.5);
    expect(ksStatistic([1, 2], [], 0, 0)).toBe(1);
  });

  it('rejects an empty share outside 0..1', () => {
    expect(() => ksStatistic([1], [1], 1.5)).toThrow(
      'empty share: expected 0..1, got 1.5',
    );
    expect(() => ksStatistic([1], [1], 0, NaN)).toThrow(RangeError);
  });
});

describe('categoryDistance', () => {
  it('is half the summed differences of value and empty shares', () => {
    const sample = profileOf([...repeat('A', 6), ...repeat('B', 3), '']);
    const mock = profileOf([
      ...repeat('A', 4),
      ...repeat('B', 4),
      ...repeat('C', 2),
    ]);

    // A 0.6/0.4, B 0.3/0.4, C 0/0.2, empty 0.1/0: (0.2+0.1+0.2+0.1)/2.
    expect(categoryDistance(sample, mock)).toBeCloseTo(0.3, 15);
  });

  it('lumps the values a side does not list as its "other"', () => {
    const limits = { topSize: 2 };
    // Listed: A 0.5, B 0.3; other (C, D) 0.2.
    const sample = profileOf(
      [...repeat('A', 5), ...repeat('B', 3), 'C', 'D'],
      limits,
    );
    // Listed: A 0.4, C 0.3; other (B, E) 0.3.
    const mock = profileOf(
      [...repeat('A', 4), ...repeat('C', 3), ...repeat('B', 2), 'E'],
      limits,
    );

    // A 0.5/0.4, B 0.3/0, C 0/0.3, other 0.2/0.3: (0.1+0.3+0.3+0.1)/2.
    // With every value known it would be 0.3; hence only columns whose
    // listed values hold most rows are scored this way.
    expect(categoryDistance(sample, mock)).toBeCloseTo(0.4, 15);
  });

  it('takes a file without rows as all empty', () => {
    expect(categoryDistance(profileOf(['A', '']), profileOf([]))).toBe(0.5);
  });
});

describe('columnFidelity', () => {
  it('scores numbers by 1 - KS', () => {
    expect(
      columnFidelity(pair(['1', '2', '3', '4'], ['3', '4', '5', '6'])),
    ).toEqual({ name: 'C', method: 'values', score: 0.5 });
  });

  it('counts a number column left empty more often against it', () => {
    // 0.25 of the mock is empty and none of the sample: the gap before
    // any value is 0.25; at 1 it is 0.5 - (0.25 + 0.75 / 3) = 0, at 2
    // 1 - 0.75 = 0.25 again.
    const column = pair(['1', '2'], ['1', '2', '3', '']);

    expect(columnFidelity(column).score).toBeCloseTo(0.75, 15);
  });

  it('compares datetimes by time of day, whatever their dates', () => {
    const times = ['01:00:00', '02:00:00', '03:00:00', '04:00:00'];
    const later = ['03:00:00', '04:00:00', '05:00:00', '06:00:00'];
    const on = (date: string, ts: string[]) => ts.map((t) => `${date} ${t}`);

    // Four years apart but at the same times of day: alike.
    expect(
      columnFidelity(pair(on('2020-09-09', times), on('2024-09-10', times))),
    ).toEqual({ name: 'C', method: 'time-of-day', score: 1 });
    // Two hours later in the day: as [1, 2, 3, 4] against [3, 4, 5, 6].
    expect(
      columnFidelity(pair(on('2020-09-09', times), on('2022-10-13', later)))
        .score,
    ).toBe(0.5);
  });

  it('compares numbers with a placeholder by their numbers', () => {
    // '-' stands below all numbers: 0.25 of the sample, none of the mock;
    // each later step keeps the 0.25 gap.
    const column = pair(['-', '10', '20', '30'], ['10', '20', '30', '40']);

    expect(column.sample?.kind).toBe('text');
    expect(columnFidelity(column)).toEqual({
      name: 'C',
      method: 'values',
      score: 0.75,
    });
  });

  it('scores a few frequent text values by 1 - total variation', () => {
    const column = pair(
      [...repeat('B', 6), ...repeat('Car', 3), ''],
      [...repeat('B', 4), ...repeat('Car', 4), ...repeat('Bus', 2)],
    );

    const scored = columnFidelity(column);
    expect(scored.method).toBe('categories');
    expect(scored.score).toBeCloseTo(0.7, 15);
  });

  it('scores identifiers by the lengths of their values', () => {
    // Lengths 5, 5, 5, 6 against 5, 5, 6, 6: 0.75 against 0.5 at 5.
    const column = pair(
      ['KAPGU', 'BANAH', 'BHASU', 'ANSALX'],
      ['SOTKH', 'QURNI', 'PATZOR', 'MENGAR'],
    );

    expect(columnFidelity(column)).toEqual({
      name: 'C',
      method: 'lengths',
      score: 0.75,
    });
  });

  it('scores names that repeat but are many by their lengths too', () => {
    // Ten names twice each, so not nearly all distinct, and two listed:
    // the listed ones hold a fifth of the values, too few to stand for
    // the column. The mock's names are others of the same lengths.
    const names = (prefix: string) =>
      Array.from({ length: 10 }, (_, i) => `${prefix} ${'x'.repeat(i)}`);
    const column = pair(
      [...names('Ann'), ...names('Ann')],
      [...names('Bob'), ...names('Bob')],
      { topSize: 2 },
    );

    expect(columnFidelity(column)).toEqual({
      name: 'C',
      method: 'lengths',
      score: 1,
    });
  });

  it('catches a mock that gathers many sample values into a few', () => {
    // 18 distinct values in 20 rows, against one: the mock lists all its
    // values, so category shares decide. The sample's listed A and B hold
    // 0.2 and the rest is other; the mock is all Z. A 0.1/0, B 0.1/0,
    // Z 0/1, other 0.8/0: (0.1 + 0.1 + 1 + 0.8) / 2 = 1.
    const sample = Array.from({ length: 20 }, (_, i) =>
      i < 4 ? 'AB'[i % 2] : `N${i}`,
    );
    const column = pair(sample, repeat('Z', 5), { topSize: 2 });

    expect(columnFidelity(column)).toEqual({
      name: 'C',
      method: 'categories',
      score: 0,
    });
  });

  it('scores a column the mock leaves empty as 0', () => {
    expect(columnFidelity(pair(['1', '2'], ['', '', '']))).toEqual({
      name: 'C',
      method: 'values',
      score: 0,
    });
  });

  it('does not score a column empty in both files', () => {
    expect(columnFidelity(pair(['', ''], ['']))).toEqual({
      name: 'C',
      method: 'empty',
      score: null,
    });
  });

  it('scores a column found in one file only as 0', () => {
    const [onlySample, onlyMock] = compareProfiles(
      [profileOf(['1'])],
      [{ ...profileOf(['1']), name: 'D' }],
    );

    expect(columnFidelity(onlySample)).toEqual({
      name: 'C',
      method: 'missing-from-mock',
      score: 0,
    });
    expect(columnFidelity(onlyMock)).toEqual({
      name: 'D',
      method: 'only-in-mock',
      score: 0,
    });
  });
});

describe('fidelity', () => {
  const relation = (
    file: string,
    checked: number,
    held: number,
  ): RelationResult => ({
    file,
    name: `r-${checked}`,
    description: 'a = b',
    checked,
    held,
  });

  it('means the means of columns and relations per file, then the files', () => {
    const perform = [
      { ...pair(['1', '2', '3', '4'], ['3', '4', '5', '6']), name: 'A' },
      pair(['-', '10', '20', '30'], ['10', '20', '30', '40']),
      { ...pair([''], ['']), name: 'E' },
    ];
    const summary = [pair(['x'], ['y'])];

    const report = fidelity(
      [
        { role: 'perform', columns: perform },
        { role: 'summary', columns: summary },
      ],
      [relation('perform', 4, 3), relation('perform', 0, 0)],
    );

    // perform: columns 0.5 and 0.75, the relation's 3/4; the empty
    // column and the relation that checked nothing are left out.
    expect(report.files[0].score).toBeCloseTo((0.625 + 0.75) / 2, 15);
    expect(report.files[0].columns.map((c) => c.score)).toEqual([
      0.5,
      0.75,
      null,
    ]);
    expect(report.files[0].relations.map((r) => r.score)).toEqual([0.75, null]);
    // summary: x against y, each all distinct, both of length 1.
    expect(report.files[1]).toEqual({
      role: 'summary',
      score: 1,
      columns: [{ name: 'C', method: 'lengths', score: 1 }],
      pairs: [],
      relations: [],
    });
    expect(report.score).toBeCloseTo((0.6875 + 1) / 2, 15);
  });

  it('weighs the pairs as one part, however many there are', () => {
    const columns = [
      { ...pair(['1', '2', '3', '4'], ['3', '4', '5', '6']), name: 'A' },
      { ...pair(['1', '2'], ['1', '2']), name: 'B' },
    ];
    const pairs = [0.5, 0.7, 0.9].map((score, i) => ({
      a: 'A',
      b: `B${i}`,
      sample: 1,
      mock: 2 * score - 1,
      score,
    }));

    const report = fidelity(
      [{ role: 'perform', columns, pairs }],
      [relation('perform', 10, 9)],
    );

    // Columns 0.5 and 1 mean 0.75; pairs mean 0.7; the relation 0.9.
    expect(report.files[0].score).toBeCloseTo((0.75 + 0.7 + 0.9) / 3, 15);
    expect(report.files[0].pairs).toBe(pairs);
    expect(report.score).toBeCloseTo(0.7833333333333333, 15);
  });

  it('has no score when nothing could be scored', () => {
    const report = fidelity(
      [{ role: 'perform', columns: [pair([''], [''])] }],
      [],
    );

    expect(report.score).toBeNull();
    expect(report.files[0].score).toBeNull();
  });

  it('refuses a relation of a file it was not given', () => {
    expect(() =>
      fidelity([{ role: 'perform', columns: [] }], [relation('summary', 1, 1)]),
    ).toThrow('relation "r-1" names file "summary", expected one of perform');
  });
});
