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
