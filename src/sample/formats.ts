import type { Config } from '../config/schema';
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
