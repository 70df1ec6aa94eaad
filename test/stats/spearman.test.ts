import { ranks, spearman } from '../../src/stats/spearman';

describe('ranks', () => {
  it('gives tied values the mean of the ranks they span', () => {
    expect(ranks([10, 30, 20, 20, 50])).toEqual([1, 4, 2.5, 2.5, 5]);
  });
});

describe('spearman', () => {
  it('is the Pearson correlation of the ranks, ties included', () => {
    // Ranks [1, 2.5, 2.5, 4, 5] and [1, 4, 2.5, 2.5, 5]: the centred
    // products sum to 7.25 and each side's squares to 9.5.
    expect(spearman([1, 2, 2, 3, 4], [10, 30, 20, 20, 50])).toBeCloseTo(
      7.25 / 9.5,
      15,
    );
  });

  it('is 1 for any rising relation and -1 for any falling one', () => {
    const x = [1, 2, 3, 4, 5];

    expect(
      spearman(
        x,
        x.map((v) => v ** 3),
      ),
    ).toBe(1);
    expect(
      spearman(
        x,
        x.map((v) => Math.exp(-v)),
      ),
    ).toBe(-1);
  });

  it('is not defined for a constant side or a single pair', () => {
    expect(spearman([1, 2, 3], [7, 7, 7])).toBeNull();
    expect(spearman([1], [2])).toBeNull();
  });

  it('refuses sides of different lengths', () => {
    expect(() => spearman([1, 2], [1])).toThrow(
      'spearman: expected paired values, got 2 and 1',
    );
  });
});
