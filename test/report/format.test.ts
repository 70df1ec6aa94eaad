import {
  formatCorrelation,
  formatCount,
  formatHeld,
  formatScore,
  formatShare,
  formatStat,
} from '../../src/report/format';

describe('formatCount', () => {
  it.each([
    [0, '0'],
    [802, '802'],
    [4333, '4,333'],
    [1_803_311, '1,803,311'],
    [-12_500.5, '-12,500.5'],
  ])('writes %d as %s', (value, expected) => {
    expect(formatCount(value)).toBe(expected);
  });
});

describe('formatShare', () => {
  it('writes a share as a percentage with one decimal', () => {
    expect(formatShare(0.125)).toBe('12.5%');
    expect(formatShare(1)).toBe('100.0%');
    expect(formatShare(0)).toBe('0.0%');
  });
});

describe('formatHeld', () => {
  it('rounds down so a single broken row never reads as 100%', () => {
    expect(formatHeld(99_999, 100_000)).toBe('99.99%');
    expect(formatHeld(999_999, 1_000_000)).toBe('99.99%');
  });

  it('writes 100.00% only when every row held', () => {
    expect(formatHeld(8743, 8743)).toBe('100.00%');
  });

  it('writes a dash when nothing was checked', () => {
    expect(formatHeld(0, 0)).toBe('–');
  });
});

describe('formatStat', () => {
  it('shows minimum and maximum as they are', () => {
    expect(formatStat(466775.7, 'number')).toBe('466775.7');
    expect(formatStat(-86.311444, 'number')).toBe('-86.311444');
  });

  it('rounds a mean to two decimals, or three digits below one', () => {
    expect(formatStat(50.7166, 'number', true)).toBe('50.72');
    expect(formatStat(0.023078, 'number', true)).toBe('0.0231');
    expect(formatStat(80, 'number', true)).toBe('80');
  });

  it('shows datetimes as UTC text', () => {
    const epoch = Date.UTC(2020, 8, 9, 22, 5, 11);
    expect(formatStat(epoch, 'datetime')).toBe('2020-09-09 22:05:11');
  });
});

describe('formatScore', () => {
  it('rounds down so a score below a mark never reads as the mark', () => {
    expect(formatScore(0.7999)).toBe('0.79');
    expect(formatScore(0.999)).toBe('0.99');
    expect(formatScore(1)).toBe('1.00');
  });

  it('does not lose a hundredth to float noise', () => {
    // 0.58 * 100 is 57.99999999999999, and 1 - 0.42 is 0.5800000000000001.
    expect(formatScore(0.58)).toBe('0.58');
    expect(formatScore(1 - 0.42)).toBe('0.58');
    expect(formatScore(1 - 0.2)).toBe('0.80');
  });

  it('writes a dash for no score', () => {
    expect(formatScore(null)).toBe('–');
  });
});

describe('formatCorrelation', () => {
  it.each([
    [0.914, '+0.91'],
    [-0.046, '−0.05'],
    [-0.004, '+0.00'],
    [1, '+1.00'],
    [-1, '−1.00'],
    [null, '–'],
  ])('writes %p as %p', (rho, text) => {
    expect(formatCorrelation(rho)).toBe(text);
  });
});
