import type { ColumnChart } from '../../src/report/compare';
import { layoutChart } from '../../src/report/svg';

const histogram: ColumnChart = {
  type: 'histogram',
  edges: [0, 30, 60, 90, 120],
  sample: [0.1, 0.2, 0.3, 0.4],
  mock: [0.25, 0.25, 0.25, 0.25],
};

describe('layoutChart', () => {
  it('draws a bar per bin for each series, scaled to a round maximum', () => {
    const layout = layoutChart('chart-1-1', 'SPEED', histogram);
    const sample = layout.bars.filter((b) => b.series === 'sample');
    const mock = layout.bars.filter((b) => b.series === 'mock');

    expect(sample).toHaveLength(4);
    expect(mock).toHaveLength(4);
    // The largest share, 40%, is scaled against a 50% axis of 100 px.
    expect(sample.map((b) => b.height)).toEqual([20, 40, 60, 80]);
    expect(mock.every((b) => b.height === 50)).toBe(true);
    expect(sample.every((b) => b.y + b.height === 124)).toBe(true);
    expect(layout.texts.map((t) => t.text)).toEqual(
      expect.arrayContaining(['0%', '25%', '50%', '0', '120']),
    );
  });

  it('describes each bar with its share and its bin', () => {
    const layout = layoutChart('chart-1-1', 'SPEED', histogram);

    expect(layout.bars[0].tip).toBe('sample: 10.0% in [0, 30)');
    expect(layout.bars[3].tip).toBe('sample: 40.0% in [90, 120]');
  });

  it('gives the chart an accessible title and a unique id', () => {
    const layout = layoutChart('chart-2-7', 'SPEED', histogram);

    expect(layout.id).toBe('chart-2-7');
    expect(layout.title).toBe(
      'SPEED: share of values per bin, sample and mock',
    );
    expect(layout.desc).toBe('4 bins from 0 to 120; sample bars, mock bars.');
  });

  it('names a series with no values in the legend', () => {
    const layout = layoutChart('c', 'SPEED', { ...histogram, sample: null });

    expect(layout.legend.map((l) => l.text)).toEqual([
      'sample: no values',
      'mock',
    ]);
    expect(layout.legend[1].x).toBeGreaterThan(layout.legend[0].x + 120);
    expect(layout.bars.every((b) => b.series === 'mock')).toBe(true);
  });

  it('marks an unknown category share and says what the mark means', () => {
    const layout = layoutChart('c', 'DRIVERNAME', {
      type: 'categories',
      labels: ['Emily Rivera', 'AHMAD EHSAN BANERJEE'],
      sample: [0.75, 0.25],
      mock: [null, 0.5],
    });
    const marks = layout.texts.filter((t) => t.text === '?');
    const key = "? = not among that file's top values; share unknown";

    expect(layout.bars).toHaveLength(3);
    expect(marks).toEqual([
      expect.objectContaining({
        series: 'mock',
        tip: 'mock: not among its top values',
      }),
    ]);
    // Two rows of 18 px under the 24 px legend, then axis labels and key.
    expect(layout.texts.at(-1)).toEqual({
      x: 8,
      y: 90,
      text: key,
      anchor: 'start',
    });
    expect(layout.height).toBe(96);
    expect(layout.desc).toBe(
      `2 most frequent values; sample bars, mock bars; ${key}.`,
    );
  });

  it('explains no mark when every category share is known', () => {
    const layout = layoutChart('c', 'vehicle_type', {
      type: 'categories',
      labels: ['B', '8'],
      sample: [0.75, 0.25],
      mock: [1, 0],
    });

    expect(layout.texts.map((t) => t.text)).toEqual(['B', '8', '0%', '100%']);
    expect(layout.height).toBe(78);
  });

  it('shortens long category labels and keeps the full one as a tip', () => {
    const layout = layoutChart('c', 'DRIVERNAME', {
      type: 'categories',
      labels: ['AHMAD EHSAN BANERJEE'],
      sample: [1],
      mock: [1],
    });
    const label = layout.texts.find((t) => t.tip === 'AHMAD EHSAN BANERJEE');

    expect(label?.text).toBe('AHMAD EHSAN BANER…');
  });

  it('charts the time of day as 24 hourly bins with clock labels', () => {
    const sample = new Array(24).fill(0);
    sample[1] = 0.5;
    sample[13] = 0.5;
    const mock = new Array(24).fill(0);
    mock[13] = 1;
    const layout = layoutChart('c', 'STRT_DATIME', {
      type: 'timeOfDay',
      sample,
      mock,
    });
    const heights = (series: string): number[] =>
      layout.bars.filter((b) => b.series === series).map((b) => b.height);

    expect(layout.title).toBe(
      'STRT_DATIME: time of day, share of values per hour, sample and mock',
    );
    expect(layout.desc).toBe(
      '24 bins, one per hour of the day, whatever the date; ' +
        'sample bars, mock bars.',
    );
    expect(heights('sample').filter((h) => h > 0)).toEqual([50, 50]);
    expect(heights('mock')[13]).toBe(100);
    expect(layout.bars[13].tip).toBe('sample: 50.0% from 13:00 to 13:59');
    expect(layout.bars[24].tip).toBe('mock: 0.0% from 00:00 to 00:59');
    expect(layout.texts.slice(3)).toEqual([
      { x: 44, y: 138, text: '00:00', anchor: 'start' },
      { x: 115.5, y: 138, text: '06:00', anchor: 'middle' },
      { x: 187, y: 138, text: '12:00', anchor: 'middle' },
      { x: 258.5, y: 138, text: '18:00', anchor: 'middle' },
      { x: 330, y: 138, text: '24:00', anchor: 'end' },
      {
        x: 187,
        y: 152,
        text: 'time of day, one bar per hour; dates left out',
        anchor: 'middle',
      },
    ]);
    expect(layout.height).toBe(158);
  });

  it('tabulates distinct counts when values are too spread to chart', () => {
    const layout = layoutChart('c', 'DRIVERNAME', {
      type: 'spread',
      sample: {
        values: 4281,
        distinct: 306,
        capped: false,
        listed: 8,
        listedShare: 222 / 4281,
      },
      mock: {
        values: 120_000,
        distinct: 10_000,
        capped: true,
        listed: 8,
        listedShare: 0.01,
      },
    });

    expect(layout.bars).toEqual([]);
    expect(layout.texts.map((t) => t.text)).toEqual([
      'Too many distinct values for a bar chart',
      'distinct',
      'non-empty',
      'top 8 hold',
      '306',
      '4,281',
      '5.2%',
      '≥ 10,000',
      '120,000',
      '1.0%',
    ]);
    expect(layout.texts.filter((t) => t.strong)).toHaveLength(6);
    expect(layout.legend.map((l) => [l.text, l.y])).toEqual([
      ['sample', 43],
      ['mock', 61],
    ]);
    expect(layout.title).toBe(
      'DRIVERNAME: too many distinct values to chart, sample and mock',
    );
    expect(layout.desc).toBe(
      'Too many distinct values for a bar chart; sample: 306 distinct in ' +
        '4,281 non-empty values, the 8 most frequent hold 5.2%; mock: ' +
        '≥ 10,000 distinct in 120,000 non-empty values, the 8 most ' +
        'frequent hold 1.0%.',
    );
  });

  it('names a side with no values in the spread table', () => {
    const layout = layoutChart('c', 'map', {
      type: 'spread',
      sample: null,
      mock: {
        values: 10,
        distinct: 9,
        capped: false,
        listed: 8,
        listedShare: 0.9,
      },
    });

    expect(layout.legend.map((l) => l.text)).toEqual([
      'sample: no values',
      'mock',
    ]);
    expect(layout.texts.filter((t) => t.strong).map((t) => t.y)).toEqual([
      70, 70, 70,
    ]);
  });

  it('says why there is no chart', () => {
    const empty = layoutChart('c', 'SPEED_CAP', {
      type: 'none',
      reason: 'empty',
    });
    const keys = layoutChart('c', 'UNIQKEY', {
      type: 'none',
      reason: 'distinct',
    });

    expect(empty.texts[0].text).toBe('No values to chart');
    expect(keys.texts[0].text).toBe('Every value occurs once: no chart');
    expect(empty.bars).toEqual([]);
  });
});
