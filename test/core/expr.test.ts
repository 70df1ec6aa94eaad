import { evaluate, parseExpression } from '../../src/core/expr';

const run = (source: string) =>
  evaluate(parseExpression(source), {}, { random: () => 0 });

describe('urlencode', () => {
  it('encodes as encodeURIComponent does by default', () => {
    expect(run(`urlencode("LEE'S SUMMIT, MO (N)")`)).toBe(
      "LEE'S%20SUMMIT%2C%20MO%20(N)",
    );
  });

  it('also encodes the characters named in its second argument', () => {
    expect(run(`urlencode("LEE'S SUMMIT (N)", "'*")`)).toBe(
      'LEE%27S%20SUMMIT%20(N)',
    );
    expect(run(`urlencode('a*b~c', '*~')`)).toBe('a%2Ab%7Ec');
  });
});

describe('utc_offset', () => {
  // Wall-clock seconds of a day at noon, as the core counts them.
  const noon = (date: string) => Date.parse(`${date}T12:00:00Z`) / 1000;
  const offset = (date: string, zone: string) =>
    run(`utc_offset(${noon(date)}, '${zone}')`);

  it('gives the offset a zone keeps on that day, clock changes included', () => {
    expect(offset('2022-10-13', 'US/Eastern')).toBe('UTC-04:00');
    expect(offset('2022-11-06', 'US/Eastern')).toBe('UTC-05:00');
    expect(offset('2022-11-05', 'US/Eastern')).toBe('UTC-04:00');
    expect(offset('2022-03-13', 'America/New_York')).toBe('UTC-04:00');
    expect(offset('2022-01-10', 'Asia/Kolkata')).toBe('UTC+05:30');
    expect(offset('2022-01-10', 'UTC')).toBe('UTC+00:00');
  });

  it('names a zone that is not one', () => {
    expect(() => offset('2022-01-10', 'Mars/Olympus')).toThrow(
      'utc_offset: "Mars/Olympus" is not a time zone, expected a name such as America/New_York',
    );
  });
});
