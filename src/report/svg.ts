/**
 * Geometry of the per-column charts. This module only places shapes and
 * words; the `@chart` template writes them out, so every label goes through
 * the template's escaping like any other value in the report.
 */

import type { ColumnChart } from './compare';
import { formatShare, formatStat } from './format';

/** Which file a bar or label belongs to. */
export type Series = 'sample' | 'mock';

/** A rectangle of one series; `tip` becomes its tooltip. */
export interface ChartBar {
  x: number;
  y: number;
  width: number;
  height: number;
  series: Series;
  tip: string;
}

/** A piece of text; `series` colours it like that series' bars. */
export interface ChartText {
  x: number;
  y: number;
  text: string;
  anchor: 'start' | 'middle' | 'end';
  tip?: string;
  series?: Series;
}

/** A swatch and the name of its series. */
export interface LegendItem {
  x: number;
  y: number;
  text: string;
  series: Series;
}

/** An axis or grid line. */
export interface ChartLine {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** Everything `@chart` needs to draw one chart. */
export interface ChartLayout {
  /** Unique in the page; prefixes the ids of the accessible title. */
  id: string;
  width: number;
  height: number;
  title: string;
  desc: string;
  legend: LegendItem[];
  bars: ChartBar[];
  texts: ChartText[];
  lines: ChartLine[];
}

const WIDTH = 340;
const TOP = 24;
const LABEL_CHARS = 18;

/**
 * Lays out a column's chart: grouped vertical bars for a histogram,
 * grouped horizontal bars for categories, a short note when there is
 * nothing to draw. Both series share one axis, running to the first round
 * share at or above the largest of either side.
 */
export function layoutChart(
  id: string,
  column: string,
  chart: ColumnChart,
): ChartLayout {
  if (chart.type === 'histogram') return histogramLayout(id, column, chart);
  if (chart.type === 'categories') return categoryLayout(id, column, chart);

  const [title, text] =
    chart.reason === 'empty'
      ? ['no values in either file', 'No values to chart']
      : ['every value occurs once', 'Every value occurs once: no chart'];
  return {
    id,
    width: WIDTH,
    height: 40,
    title: `${column}: ${title}`,
    desc: `${text}.`,
    legend: [],
    bars: [],
    texts: [{ x: 8, y: 24, text, anchor: 'start' }],
    lines: [],
  };
}

type Histogram = Extract<ColumnChart, { type: 'histogram' }>;
type Categories = Extract<ColumnChart, { type: 'categories' }>;

function histogramLayout(
  id: string,
  column: string,
  chart: Histogram,
): ChartLayout {
  const left = 44;
  const plotW = WIDTH - left - 10;
  const plotH = 100;
  const bottom = TOP + plotH;
  const bins = chart.edges.length - 1;
  const slot = plotW / bins;
  const top = niceMax([...(chart.sample ?? []), ...(chart.mock ?? [])]);
  const edge = (i: number): string =>
    formatStat(chart.edges[i], chart.kind, true);

  const bars: ChartBar[] = [];
  (['sample', 'mock'] as const).forEach((series, s) => {
    chart[series]?.forEach((share, i) => {
      const height = (share / top) * plotH;
      const close = i === bins - 1 ? ']' : ')';
      const range = `[${edge(i)}, ${edge(i + 1)}${close}`;
      bars.push({
        x: round(left + i * slot + slot * (0.1 + 0.4 * s)),
        y: round(bottom - height),
        width: round(slot * 0.4),
        height: round(height),
        series,
        tip: `${series}: ${formatShare(share)} in ${range}`,
      });
    });
  });

  return {
    id,
    width: WIDTH,
    height: bottom + 20,
    title: `${column}: share of values per bin, sample and mock`,
    desc:
      `${bins} bins from ${edge(0)} to ${edge(bins)}; ` +
      `${legendWords(chart)}.`,
    legend: legend(chart, left),
    bars,
    texts: [
      ...yAxis(top, left, bottom, plotH),
      { x: left, y: bottom + 14, text: edge(0), anchor: 'start' },
      { x: left + plotW, y: bottom + 14, text: edge(bins), anchor: 'end' },
    ],
    lines: [{ x1: left, y1: bottom, x2: left + plotW, y2: bottom }],
  };
}

function categoryLayout(
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
    (['sample', 'mock'] as const).forEach((series, s) => {
      const share = chart[series]?.[i];
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
  return {
    id,
    width: WIDTH,
    height: bottom + 18,
    title: `${column}: most frequent values, sample and mock`,
    desc: `${chart.labels.length} most frequent values; ${legendWords(chart)}.`,
    legend: legend(chart, 8),
    bars,
    texts,
    lines: [{ x1: left, y1: TOP, x2: left, y2: bottom }],
  };
}

// Swatch, gap, words: the second entry starts after the first one's text,
// estimated at 6.5 px a character for the 11 px legend font.
function legend(chart: Histogram | Categories, x: number): LegendItem[] {
  const [first, second] = (['sample', 'mock'] as const).map((series) => ({
    series,
    text: chart[series] ? series : `${series}: no values`,
  }));
  const secondX = x + 14 + Math.ceil(first.text.length * 6.5) + 18;
  return [
    { ...first, x, y: 4 },
    { ...second, x: secondX, y: 4 },
  ];
}

function legendWords(chart: Histogram | Categories): string {
  return (['sample', 'mock'] as const)
    .map((s) => (chart[s] ? `${s} bars` : `no ${s} values`))
    .join(', ');
}

function yAxis(
  top: number,
  left: number,
  bottom: number,
  plotH: number,
): ChartText[] {
  return [0, 0.5, 1].map((f) => ({
    x: left - 4,
    y: round(bottom - f * plotH + 3),
    text: shareLabel(top * f),
    anchor: 'end',
  }));
}

// The smallest of 5%, 10%, 20%, 25%, 50%, 100% that holds the largest share,
// so axis labels stay round numbers.
function niceMax(shares: (number | null)[]): number {
  const largest = Math.max(0, ...shares.map((s) => s ?? 0));
  return [0.05, 0.1, 0.2, 0.25, 0.5, 1].find((m) => largest <= m) ?? 1;
}

function shareLabel(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}

// By code point, so a label is never cut inside a surrogate pair.
function shorten(label: string): string {
  const chars = Array.from(label);
  if (chars.length <= LABEL_CHARS) return label;
  return `${chars.slice(0, LABEL_CHARS - 1).join('')}…`;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
