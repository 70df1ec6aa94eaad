/**
 * Charts of the most frequent values of text columns (and of columns whose
 * kind differs between the files): grouped horizontal bars, or a small
 * table when the values are too spread out for bars.
 */

import { formatCount, formatShare } from './format';
import {
  legend,
  legendWords,
  niceMax,
  round,
  shareLabel,
  sides,
  TOP,
  WIDTH,
  type Categories,
  type ChartBar,
  type ChartLayout,
  type ChartText,
  type LegendItem,
  type Spread,
} from './svg-parts';

const LABEL_CHARS = 18;

/** What the `?` of an unknown share means, written under the chart. */
const UNKNOWN_KEY = "? = not among that file's top values; share unknown";

/**
 * Lays out one row per value with a bar per series. A share that is not
 * known is drawn as a `?`, and a line under the axis says what it means:
 * the mark alone cannot tell unknown from zero, and a tooltip is found by
 * few readers and by no printed page.
 */
export function categoryLayout(
  id: string,
  column: string,
  chart: Categories,
): ChartLayout {
  const left = 128;
  const plotW = WIDTH - left - 34;
  const row = 18;
  const bottom = TOP + chart.labels.length * row;
  const top = niceMax([...(chart.sample ?? []), ...(chart.mock ?? [])]);

  const bars: ChartBar[] = [];
  const texts: ChartText[] = [];
  chart.labels.forEach((label, i) => {
    const y = TOP + i * row;
    texts.push({
      x: left - 6,
      y: y + 12,
      text: shorten(label),
      anchor: 'end',
      tip: label,
    });
    sides(chart).forEach(([series, shares], s) => {
      const share = shares?.[i];
      const barY = y + 2 + s * 7;
      if (share === null) {
        texts.push({
          x: left + 3,
          y: barY + 6,
          text: '?',
          anchor: 'start',
          series,
          tip: `${series}: not among its top values`,
        });
      } else if (share !== undefined) {
        bars.push({
          x: left,
          y: barY,
          width: round((share / top) * plotW),
          height: 6,
          series,
          tip: `${series}: ${formatShare(share)} of values are ${label}`,
        });
      }
    });
  });

  texts.push(
    { x: left, y: bottom + 13, text: '0%', anchor: 'middle' },
    {
      x: left + plotW,
      y: bottom + 13,
      text: shareLabel(top),
      anchor: 'middle',
    },
  );
  const unknown = [chart.sample, chart.mock].some((s) => s?.includes(null));
  if (unknown) {
    texts.push({ x: 8, y: bottom + 30, text: UNKNOWN_KEY, anchor: 'start' });
  }

  return {
    id,
    width: WIDTH,
    height: bottom + (unknown ? 36 : 18),
    title: `${column}: most frequent values, sample and mock`,
    desc:
      `${chart.labels.length} most frequent values; ${legendWords(chart)}` +
      `${unknown ? `; ${UNKNOWN_KEY}` : ''}.`,
    legend: legend(chart, 8),
    bars,
    texts,
    lines: [{ x1: left, y1: TOP, x2: left, y2: bottom }],
  };
}

/**
 * Lays out a small table in place of bars: the distinct counts say why
 * there is no chart, and the share the most frequent values hold says how
 * little a chart of them would have shown.
 */
export function spreadLayout(
  id: string,
  column: string,
  chart: Spread,
): ChartLayout {
  // Right edges of the three number columns.
  const columns = [176, 254, 332];
  const listed = Math.max(...sides(chart).map(([, s]) => s?.listed ?? 0));
  const header = ['distinct', 'non-empty', `top ${listed} hold`];

  const texts: ChartText[] = [
    { x: 8, y: 12, text: NOT_CHARTED, anchor: 'start' },
    ...header.map((text, c): ChartText => {
      return { x: columns[c], y: 34, text, anchor: 'end' };
    }),
  ];
  const legendItems: LegendItem[] = [];
  const words: string[] = [];
  sides(chart).forEach(([series, spread], r) => {
    const y = 52 + r * 18;
    const text = spread ? series : `${series}: no values`;
    legendItems.push({ series, x: 8, y: y - 9, text });
    if (!spread) {
      words.push(`no ${series} values`);
      return;
    }

    const cells = [
      `${spread.capped ? '≥ ' : ''}${formatCount(spread.distinct)}`,
      formatCount(spread.values),
      formatShare(spread.listedShare),
    ];
    cells.forEach((cell, c) => {
      texts.push({ x: columns[c], y, text: cell, anchor: 'end', strong: true });
    });
    words.push(
      `${series}: ${cells[0]} distinct in ${cells[1]} non-empty values, ` +
        `the ${spread.listed} most frequent hold ${cells[2]}`,
    );
  });

  return {
    id,
    width: WIDTH,
    height: 78,
    title: `${column}: too many distinct values to chart, sample and mock`,
    desc: `${NOT_CHARTED}; ${words.join('; ')}.`,
    legend: legendItems,
    bars: [],
    texts,
    lines: [{ x1: 8, y1: 39, x2: WIDTH - 8, y2: 39 }],
  };
}

const NOT_CHARTED = 'Too many distinct values for a bar chart';

// By code point, so a label is never cut inside a surrogate pair.
function shorten(label: string): string {
  const chars = Array.from(label);
  if (chars.length <= LABEL_CHARS) return label;
  return `${chars.slice(0, LABEL_CHARS - 1).join('')}…`;
}
