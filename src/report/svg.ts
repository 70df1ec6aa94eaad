/**
 * Geometry of the per-column charts. These modules only place shapes and
 * words; the `@chart` template writes them out, so every label goes through
 * the template's escaping like any other value in the report.
 */

import type { ColumnChart } from './compare';
import { histogramLayout, timeOfDayLayout } from './svg-bins';
import { WIDTH, type ChartLayout } from './svg-parts';
import { categoryLayout, spreadLayout } from './svg-values';

export type {
  ChartBar,
  ChartLayout,
  ChartLine,
  ChartText,
  LegendItem,
  Series,
} from './svg-parts';

/**
 * Lays out a column's chart: grouped vertical bars for a histogram or the
 * time of day, grouped horizontal bars for categories, a small table for
 * values too spread out to chart, a short note when there is nothing to
 * draw. Both series share one axis, running to the first round share at or
 * above the largest of either side.
 */
export function layoutChart(
  id: string,
  column: string,
  chart: ColumnChart,
): ChartLayout {
  if (chart.type === 'histogram') return histogramLayout(id, column, chart);
  if (chart.type === 'timeOfDay') return timeOfDayLayout(id, column, chart);
  if (chart.type === 'categories') return categoryLayout(id, column, chart);
  if (chart.type === 'spread') return spreadLayout(id, column, chart);

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
