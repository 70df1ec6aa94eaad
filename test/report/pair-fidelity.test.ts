import { correlationOf, pairFidelity } from '../../src/report/pair-fidelity';
import { ColumnProfiler, compareProfiles } from '../../src/report/profile';

function profilerOf(header: string[], rows: string[][]): ColumnProfiler {
  const profiler = new ColumnProfiler(header);
  rows.forEach((row) => profiler.add(row));
  return profiler;
}

describe('pairFidelity', () => {
  // A and B rise together in the sample; C holds one value; D is text.
  // The last sample row has a placeholder in B, so it pairs nothing.
  const header = ['A', 'B', 'C', 'D'];
  const sample = profilerOf(header, [
    ['1', '10', '5', 'x'],
    ['2', '20', '5', 'y'],
    ['3', '30', '5', 'x'],
    ['4', '40', '5', 'y'],
    ['5', '-', '5', 'x'],
  ]);
  // The mock swaps B's middle values: B's ranks 1, 3, 2, 4 against A's
  // 1, 2, 3, 4 differ by 1 twice, so ρ = 1 - 6·2 / (4·15) = 0.8.
  const mock = profilerOf(header, [
    ['1', '10', '5', 'x'],
    ['2', '30', '6', 'y'],
    ['3', '20', '7', 'x'],
    ['4', '40', '8', 'y'],
  ]);
  const columns = compareProfiles(sample.profiles(), mock.profiles());

  it('scores each pair of number columns by 1 - |Δρ| / 2', () => {
    const pairs = pairFidelity(columns, sample, mock);

    // A × C and B × C are left out: C has one value in the sample, so no
    // correlation to keep. D is text.
    expect(pairs).toEqual([
      {
        a: 'A',
        b: 'B',
        sample: 1,
        mock: expect.closeTo(0.8, 12),
        score: expect.closeTo(0.9, 12),
      },
    ]);
  });

  it('counts a pair the mock holds constant as uncorrelated there', () => {
    const flat = profilerOf(header, [
      ['1', '7', '5', 'x'],
      ['2', '7', '5', 'y'],
    ]);

    expect(
      pairFidelity(
        compareProfiles(sample.profiles(), flat.profiles()),
        sample,
        flat,
      ),
    ).toEqual([{ a: 'A', b: 'B', sample: 1, mock: null, score: 0.5 }]);
  });

  it('leaves out a column the mock does not have', () => {
    const short = profilerOf(['A', 'C'], [['1', '5']]);

    expect(
      pairFidelity(
        compareProfiles(sample.profiles(), short.profiles()),
        sample,
        short,
      ),
    ).toEqual([]);
  });
});

describe('correlationOf', () => {
  it('pairs only rows where both values read as numbers', () => {
    const file = profilerOf(
      ['A', 'B'],
      [
        ['1', '3'],
        ['2', ''],
        ['3', '2'],
        ['n/a', '9'],
        ['4', '1'],
      ],
    );

    expect(correlationOf('A', 'B', file)).toBe(-1);
  });
});
