import type { Config, FileSpec } from '../config/schema';
import { parseDateTime } from '../core/datetime';
import { formatDatetime } from '../report/values';
import type { Sample } from './read';

/**
 * The config with each file's line break and each number column's decimal
 * separator settled from its sample where the config left them out, so
 * the mock is written as the sample is.
 */
export function withSampleFormats(
  config: Config,
  samples: Map<string, Sample>,
): Config {
  return {
    ...config,
    files: config.files.map((spec) => {
      const sample = samples.get(spec.role);
      if (!sample) return spec;
      return {
        ...spec,
        newline: sample.dialect.newline,
        columns: spec.columns.map((column) => {
          const separator = sample.decimalSeparators[column.name];
          return separator
            ? { ...column, decimalSeparator: separator }
            : column;
        }),
      };
    }),
  };
}

/**
 * Turns a sample's or mock's record into one whose decimal commas are
 * points, so the report charts and scores those columns as numbers.
 */
export function withDecimalPoints(
  sample: Sample,
): (fields: string[]) => string[] {
  const comma = sample.header.map(
    (name) => sample.decimalSeparators[name] === ',',
  );
  if (!comma.includes(true)) return (fields) => fields;
  return (fields) =>
    fields.map((value, i) => (comma[i] ? value.replace(',', '.') : value));
}

/**
 * Turns a record into one the report reads as the config does: decimal
 * commas become points (see {@link withDecimalPoints}) and date-times in
 * a layout of the config's (`DD.MM.YYYY HH:mm`, an offset kept as its
 * local clock) are rewritten as `YYYY-MM-DD HH:mm:ss`, so that the report
 * charts and scores them by time of day rather than as text. A value that
 * does not read in its layout, such as a placeholder, stays as it is.
 */
export function forReport(
  sample: Sample,
  spec: FileSpec,
): (fields: string[]) => string[] {
  const points = withDecimalPoints(sample);
  const layouts = sample.header.map((name) => {
    const column = spec.columns.find((c) => c.name === name && !c.hidden);
    return column?.type === 'datetime' ? column.format : undefined;
  });
  if (layouts.every((l) => l === undefined)) return points;
  return (fields) =>
    points(fields).map((value, i) => {
      const layout = layouts[i];
      if (layout === undefined || value === '') return value;
      const seconds = parseDateTime(value, layout);
      return Number.isFinite(seconds) ? formatDatetime(seconds * 1000) : value;
    });
}
