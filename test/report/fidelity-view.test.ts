import type { FileFidelity } from '../../src/report/fidelity';
import {
  fidelitySummaryView,
  fileFidelityView,
} from '../../src/report/fidelity-view';

const PERFORM: FileFidelity = {
  role: 'perform',
  score: 0.7999,
  columns: [
    { name: 'STATUS', method: 'values', score: 0.97 },
    { name: 'SPEED_TYPE', method: 'empty', score: null },
    { name: 'TRAVELED_MILES', method: 'values', score: 0.62 },
    { name: 'STRT_DATIME', method: 'time-of-day', score: 0.8 },
    { name: 'DRIVERNAME', method: 'lengths', score: 0.97 },
  ],
  pairs: [
    { a: 'STRT_ODOM', b: 'END_ODOM', sample: 1, mock: 0.98, score: 0.99 },
    {
      a: 'TRAVELED_MILES',
      b: 'DRIVING_SECONDS',
      sample: 0.85,
      mock: -0.004,
      score: 0.573,
    },
    { a: 'RPM_THRESH', b: 'LOGIN', sample: -0.1, mock: null, score: 0.95 },
  ],
  relations: [
    {
      name: 'odometer',
      description: 'END_ODOM - STRT_ODOM = TRAVELED_MILES',
      score: 0.99999,
    },
  ],
};

const SUMMARY: FileFidelity = {
  role: 'summary',
  score: 0.9,
  columns: [{ name: 'vehicle_type', method: 'categories', score: 0.7 }],
  pairs: [],
  relations: [],
};

const href = (name: string) => `#col-${name}`;

describe('fileFidelityView', () => {
  const view = fileFidelityView(PERFORM, href);

  it('lists the lowest score first and unscored columns last', () => {
    expect(view.items.map((i) => i.name)).toEqual([
      'TRAVELED_MILES',
      'STRT_DATIME',
      'STATUS',
      'DRIVERNAME',
      'odometer',
      'SPEED_TYPE',
    ]);
  });

  it('marks scores below 0.80, and 0.80 itself not', () => {
    const marked = view.items.filter((i) => i.drifting).map((i) => i.name);

    expect(marked).toEqual(['TRAVELED_MILES']);
    expect(view).toMatchObject({ score: '0.79', drifting: true });
  });

  it('writes scores rounded down, with a bar as long as the score', () => {
    const relation = view.items.find((i) => i.name === 'odometer');

    expect(relation).toMatchObject({
      score: '0.99',
      bar: 99,
      href: '#relations',
      how: 'relation: rows held',
    });
  });

  it('says how each column was measured, or why it was not', () => {
    const how = Object.fromEntries(view.items.map((i) => [i.name, i.how]));

    expect(how).toMatchObject({
      TRAVELED_MILES: 'numbers: 1 − Kolmogorov–Smirnov',
      STRT_DATIME: 'time of day: 1 − Kolmogorov–Smirnov',
      DRIVERNAME: 'value lengths: 1 − Kolmogorov–Smirnov',
      SPEED_TYPE: 'empty in both files; not scored',
    });
    expect(view.items.at(-1)).toMatchObject({
      score: '–',
      scored: false,
      bar: 0,
      drifting: false,
      href: '#col-SPEED_TYPE',
    });
  });

  it('lists the pairs lowest first, with both correlations signed', () => {
    expect(view.pairsId).toBe('pairs');
    expect(view.driftingPairs).toBe(1);
    expect(
      view.pairs.map((p) => [p.a, p.b, p.sample, p.mock, p.score, p.drifting]),
    ).toEqual([
      ['TRAVELED_MILES', 'DRIVING_SECONDS', '+0.85', '+0.00', '0.57', true],
      ['RPM_THRESH', 'LOGIN', '−0.10', '–', '0.95', false],
      ['STRT_ODOM', 'END_ODOM', '+1.00', '+0.98', '0.99', false],
    ]);
    expect(view.pairs[0]).toMatchObject({
      name: 'TRAVELED_MILES × DRIVING_SECONDS',
      href: '#pairs',
      how: 'pair: 1 − |ρ sample − ρ mock| / 2',
    });
  });

  it('links the pairs to the anchor it is given', () => {
    const other = fileFidelityView(PERFORM, href, 'pairs-2');

    expect(other.pairsId).toBe('pairs-2');
    expect(other.pairs.map((p) => p.href)).toEqual([
      '#pairs-2',
      '#pairs-2',
      '#pairs-2',
    ]);
  });

  it('lets long names wrap after underscores and slashes', () => {
    const wrapped = fileFidelityView(
      {
        ...SUMMARY,
        columns: [
          {
            name: 'percent_speeding_interstate/freeway',
            method: 'values',
            score: 0.83,
          },
        ],
      },
      href,
    );

    expect(wrapped.items[0].nameParts).toEqual([
      'percent_',
      'speeding_',
      'interstate/',
      'freeway',
    ]);
  });
});

describe('fidelitySummaryView', () => {
  it('gathers what drifts in every file, lowest first', () => {
    const files = [PERFORM, SUMMARY].map((f, i) => ({
      id: `file-${i + 1}`,
      role: f.role,
      fidelity: fileFidelityView(f, href),
    }));

    const view = fidelitySummaryView(
      { score: (0.7999 + 0.9) / 2, files: [PERFORM, SUMMARY] },
      files,
    );

    expect(view).toMatchObject({
      score: '0.84',
      drifting: false,
      mark: '0.80',
    });
    expect(view.files).toEqual([
      { id: 'file-1', role: 'perform', score: '0.79', drifting: true },
      { id: 'file-2', role: 'summary', score: '0.90', drifting: false },
    ]);
    expect(view.belowMark.map((b) => [b.role, b.item.name])).toEqual([
      ['perform', 'TRAVELED_MILES × DRIVING_SECONDS'],
      ['perform', 'TRAVELED_MILES'],
      ['summary', 'vehicle_type'],
    ]);
  });
});
