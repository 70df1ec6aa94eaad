import type { ColumnChart } from '../../src/report/compare';
import { layoutChart } from '../../src/report/svg';

const histogram: ColumnChart = {
  type: 'histogram',
  kind: 'number',
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

  it('marks an unknown category share with a question mark', () => {
    const layout = layoutChart('c', 'DRIVERNAME', {
      type: 'categories',
      labels: ['Emily Rivera', 'AHMAD EHSAN BANERJEE'],
      sample: [0.75, 0.25],
      mock: [null, 0.5],
    });
    const marks = layout.texts.filter((t) => t.text === '?');

    expect(layout.bars).toHaveLength(3);
    expect(marks).toEqual([
      expect.objectContaining({
        series: 'mock',
        tip: 'mock: not among its top values',
      }),
    ]);
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
