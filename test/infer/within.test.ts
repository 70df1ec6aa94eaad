import { defineColumns } from '../../src/infer/definitions';
import { findMarkers, findOrder } from '../../src/infer/layout';
import { guessTypes, quote, typedRows } from '../../src/infer/typed';
import { findRatios, findSums } from '../../src/infer/within';
import { table } from '../support/tables';

const report = table(
  ['who', 'hits', 'tries', 'misses', 'rate'],
  [
    ['ann', '3', '8', '5', '37.5'],
    ['bo', '1', '16', '15', '6.2'],
    ['cy', '0', '4', '4', '0.0'],
    ['di', '2', '2', '0', '100.0'],
  ],
);
const types = guessTypes(report);
const rows = typedRows(report, types);

describe('findSums', () => {
  it('finds a column that is the sum of two others on every row', () => {
    expect(findSums(types, rows)).toEqual([
      { parts: ['hits', 'misses'], total: 'tries' },
    ]);
  });
});

describe('findRatios', () => {
  it('finds a rounded percentage, allowing a half rounded to even', () => {
    expect(findRatios(types, rows)).toEqual([
      {
        column: 'rate',
        numerator: 'hits',
        denominator: 'tries',
        expr: 'round(100 * hits / tries, 1)',
      },
    ]);
  });

  it('guards a denominator that is zero in the sample', () => {
    const t = table(
      ['a', 'b', 'pct'],
      [
        ['1', '4', '25.0'],
        ['0', '0', '0.0'],
        ['3', '4', '75.0'],
      ],
    );
    const [ratio] = findRatios(guessTypes(t), typedRows(t, guessTypes(t)));
    expect(ratio.expr).toBe('if(b == 0, 0, round(100 * a / b, 1))');
  });
});

describe('defineColumns', () => {
  it('computes a total from its parts, drawing a part no count explains', () => {
    const known = new Map([['hits', 'N']]);
    const sums = findSums(types, rows);
    const defs = defineColumns(
      known,
      sums,
      findRatios(types, rows),
      rows,
      (b) => b,
    );
    // tries is never 0 in the sample, so misses makes up for no hits.
    expect(defs.defined.get('misses')).toBe(
      'max(EXTRA_MISSES, if(hits == 0, 1, 0))',
    );
    expect(defs.defined.get('tries')).toBe('hits + misses');
    expect(defs.defined.get('rate')).toBe('round(100 * hits / tries, 1)');
    expect(defs.hidden).toEqual([
      {
        name: 'EXTRA_MISSES',
        kind: 'number',
        type: 'number',
        hidden: true,
        sample: 'misses',
        smooth: false,
      },
    ]);
    expect(defs.relations.map((r) => r.check)).toEqual([
      'hits + misses == tries',
      'rate == round(100 * hits / tries, 1)',
    ]);
  });
});

describe('findOrder and findMarkers', () => {
  const sorted = {
    ...table(
      ['who', 'score', 'n'],
      [
        ['ann', '9.5', '3'],
        ['bo', '7.0', '1'],
        ['cy', '2.5', '4'],
      ],
    ),
    shortRows: [{ index: 2, fields: ['median', '7.0'] }],
  };
  const sortedTypes = guessTypes(sorted);
  const sortedRows = typedRows(sorted, sortedTypes);

  it('finds the column the rows fall by', () => {
    expect(findOrder(sortedTypes, sortedRows)).toEqual({
      by: 'score',
      descending: true,
    });
  });

  it('reads a short row after half the rows as a median line', () => {
    expect(findMarkers(sorted, sortedTypes, sortedRows)).toEqual([
      {
        at: 'middle',
        width: 2,
        key: 'who',
        values: { who: "'median'", score: "median('score')" },
      },
    ]);
  });
});

describe('quote', () => {
  it('keeps a regular expression readable and escapes only what it must', () => {
    expect(quote('km%2Fh\\((\\d+)')).toBe("'km%2Fh\\((\\d+)'");
    expect(quote("c2='>")).toBe(`"c2='>"`);
    expect(quote('a\\')).toBe("'a\\\\'");
  });
});
