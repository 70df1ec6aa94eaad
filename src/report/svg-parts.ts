/**
 * The shapes a chart layout is made of, and the pieces every kind of chart
 * shares: its width, legend, share axis and rounding.
 */

import type { ColumnChart } from './compare';

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
  /** Drawn in the ink colour, for values rather than labels. */
  strong?: boolean;
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

export type Histogram = Extract<ColumnChart, { type: 'histogram' }>;
export type TimeOfDay = Extract<ColumnChart, { type: 'timeOfDay' }>;
export type Categories = Extract<ColumnChart, { type: 'categories' }>;
export type Spread = Extract<ColumnChart, { type: 'spread' }>;

/** Either side of a chart, null when that file has no values. */
export interface TwoSides<T> {
  sample: T | null;
  mock: T | null;
}

export const WIDTH = 340;
/** Room above the plot for the legend. */
export const TOP = 24;

/** The two series in drawing order, each with its side of the chart. */
export function sides<T>(chart: TwoSides<T>): [Series, T | null][] {
  return [
    ['sample', chart.sample],
    ['mock', chart.mock],
  ];
}

/**
 * Swatch, gap, words: the second entry starts after the first one's text,
 * estimated at 6.5 px a character for the 11 px legend font.
 */
export function legend(chart: TwoSides<unknown>, x: number): LegendItem[] {
  const [first, second] = sides(chart).map(([series, side]) => ({
    series,
    text: side ? series : `${series}: no values`,
  }));
  const secondX = x + 14 + Math.ceil(first.text.length * 6.5) + 18;
  return [
    { ...first, x, y: 4 },
    { ...second, x: secondX, y: 4 },
  ];
}

/** The legend in words, for the chart's description. */
export function legendWords(chart: TwoSides<unknown>): string {
  return sides(chart)
    .map(([s, side]) => (side ? `${s} bars` : `no ${s} values`))
    .join(', ');
}

/** Labels of a vertical share axis at 0, half and all of `top`. */
export function yAxis(
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

/**
 * The smallest of 5%, 10%, 20%, 25%, 50%, 100% that holds the largest
 * share, so axis labels stay round numbers.
 */
export function niceMax(shares: (number | null)[]): number {
  const largest = Math.max(0, ...shares.map((s) => s ?? 0));
  return [0.05, 0.1, 0.2, 0.25, 0.5, 1].find((m) => largest <= m) ?? 1;
}

/** An axis share as a percentage without trailing zeros: `12.5%`, `5%`. */
export function shareLabel(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}

/** To a tenth of a pixel, which keeps the markup short. */
export function round(value: number): number {
  return Math.round(value * 10) / 10;
}
