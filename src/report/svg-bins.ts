/**
 * Charts of values on a scale, as grouped vertical bars: number columns
 * over equal bins of their range, datetime columns over the hours of the
 * day.
 */

import { formatShare, formatStat } from './format';
import {
  legend,
  legendWords,
  niceMax,
  round,
  sides,
  TOP,
  WIDTH,
  yAxis,
  type ChartBar,
  type ChartLayout,
  type ChartText,
  type Histogram,
  type TimeOfDay,
} from './svg-parts';

/** Lays out a number column's histogram. */
export function histogramLayout(
  id: string,
  column: string,
  chart: Histogram,
): ChartLayout {
  const bins = chart.edges.length - 1;
  const edge = (i: number): string => formatStat(chart.edges[i], 'number');
  const close = (i: number): string => (i < bins - 1 ? ')' : ']');

  return {
    id,
    title: `${column}: share of values per bin, sample and mock`,
    desc:
      `${bins} bins from ${edge(0)} to ${edge(bins)}; ` +
      `${legendWords(chart)}.`,
    ...binsLayout(chart, bins, {
      where: (i) => `in [${edge(i)}, ${edge(i + 1)}${close(i)}`,
      ticks: [
        { at: 0, text: edge(0) },
        { at: bins, text: edge(bins) },
      ],
    }),
  };
}

/**
 * Lays out a datetime column's time of day, one bin per hour, and says
 * under the axis that dates are left out, since a reader would otherwise
 * take the bars for a date range.
 */
export function timeOfDayLayout(
  id: string,
  column: string,
  chart: TimeOfDay,
): ChartLayout {
  const clock = (hour: number): string => `${pad2(hour)}:00`;

  return {
    id,
    title: `${column}: time of day, share of values per hour, sample and mock`,
    desc:
      '24 bins, one per hour of the day, whatever the date; ' +
      `${legendWords(chart)}.`,
    ...binsLayout(chart, 24, {
      where: (i) => `from ${clock(i)} to ${pad2(i)}:59`,
      ticks: [0, 6, 12, 18, 24].map((at) => ({ at, text: clock(at) })),
      caption: 'time of day, one bar per hour; dates left out',
    }),
  };
}

interface BinAxis {
  /** Where the values of bin i lie, for its tooltip. */
  where: (i: number) => string;
  /** Labels under the axis at bin boundaries, 0 to the bin count. */
  ticks: { at: number; text: string }[];
  /** A line under the labels saying what the axis measures. */
  caption?: string;
}

// Sample left of mock in each bin.
function binsLayout(
  chart: Histogram | TimeOfDay,
  bins: number,
  axis: BinAxis,
): Omit<ChartLayout, 'id' | 'title' | 'desc'> {
  const left = 44;
  const plotW = WIDTH - left - 10;
  const plotH = 100;
  const bottom = TOP + plotH;
  const slot = plotW / bins;
  const top = niceMax([...(chart.sample ?? []), ...(chart.mock ?? [])]);

  const bars: ChartBar[] = [];
  sides(chart).forEach(([series, shares], s) => {
    shares?.forEach((share, i) => {
      const height = (share / top) * plotH;
      bars.push({
        x: round(left + i * slot + slot * (0.1 + 0.4 * s)),
        y: round(bottom - height),
        width: round(slot * 0.4),
        height: round(height),
        series,
        tip: `${series}: ${formatShare(share)} ${axis.where(i)}`,
      });
    });
  });

  const texts: ChartText[] = yAxis(top, left, bottom, plotH);
  for (const { at, text } of axis.ticks) {
    const anchor = at === 0 ? 'start' : at === bins ? 'end' : 'middle';
    texts.push({ x: round(left + at * slot), y: bottom + 14, text, anchor });
  }
  if (axis.caption) {
    const x = round(left + plotW / 2);
    texts.push({ x, y: bottom + 28, text: axis.caption, anchor: 'middle' });
  }

  return {
    width: WIDTH,
    height: bottom + (axis.caption ? 34 : 20),
    legend: legend(chart, left),
    bars,
    texts,
    lines: [{ x1: left, y1: bottom, x2: left + plotW, y2: bottom }],
  };
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}
