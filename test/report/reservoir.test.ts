import { Reservoir } from '../../src/report/reservoir';

describe('Reservoir', () => {
  it('keeps every item while fewer than its size arrive', () => {
    const reservoir = new Reservoir<number>(5);
    [64, 72, 105].forEach((v) => reservoir.add(v));

    expect(reservoir.values()).toEqual([64, 72, 105]);
    expect(reservoir.offered).toBe(3);
  });

  it('keeps exactly its size from a long stream, spread over all of it', () => {
    const reservoir = new Reservoir<number>(1000);
    for (let i = 0; i < 100_000; i += 1) reservoir.add(i);

    const kept = reservoir.values();
    const mean = kept.reduce((a, b) => a + b, 0) / kept.length;
    const late = kept.filter((v) => v >= 50_000).length;
    expect(kept).toHaveLength(1000);
    expect(new Set(kept).size).toBe(1000);
    expect(mean).toBeGreaterThan(45_000);
    expect(mean).toBeLessThan(55_000);
    expect(late).toBeGreaterThan(440);
    expect(late).toBeLessThan(560);
  });

  it('chooses the same items for the same stream', () => {
    const run = (): readonly number[] => {
      const reservoir = new Reservoir<number>(10);
      for (let i = 0; i < 5000; i += 1) reservoir.add(i);
      return reservoir.values();
    };

    expect(run()).toEqual(run());
  });

  it('rejects a size that is not a positive integer', () => {
    expect(() => new Reservoir(0)).toThrow(RangeError);
    expect(() => new Reservoir(2.5)).toThrow(RangeError);
  });
});
