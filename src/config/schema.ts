import { z } from 'zod';
import { DELIMITERS } from '../sample/dialect';
import { ENCODINGS } from '../sample/encoding';

/**
 * The configuration language. A config names its files, the entities that
 * recur across them, and one generator per column. The core reads nothing
 * but this: a new CSV layout needs a new config, not new code.
 */

const expression = z.string().min(1);

/** Fields every generator may carry: how the value is typed and written. */
const valueFields = {
  name: z.string().min(1),
  /** How the sample's text is read and the mock value written. */
  type: z.enum(['text', 'number', 'datetime']).default('text'),
  /** Date-time layout (see core/datetime.ts), for type "datetime". */
  format: z.string().optional(),
  /**
   * For a layout with a Z token: the UTC offset written from each local
   * time of day, as `{ "00:00:00": "+01:00", "03:00:00": "+02:00" }`;
   * without it Z writes `Z`.
   */
  offsets: z
    .record(
      z
        .string()
        .regex(/^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/, 'expected HH:mm:ss'),
      z.string().regex(/^(Z|[+-]\d\d:\d\d)$/, 'expected Z or +HH:MM'),
    )
    .optional(),
  /** Fixed decimals for type "number"; integers print without. */
  decimals: z.number().int().min(0).max(12).optional(),
  /** Generated and usable by other columns, but not written. */
  hidden: z.boolean().default(false),
  /** The role of the file whose sample feeds `sample` expressions. */
  file: z.string().optional(),
  /**
   * Values a number or date-time column may hold besides numbers or
   * date-times, such as "-" or "n/a"; any other text is a sample error.
   */
  placeholders: z.array(z.string()).default([]),
  /**
   * For type "number": the decimal separator, "," for `12,5`. Without it
   * the sample's values decide: "," when the file is not separated by
   * commas and the column's fractions are written with commas only.
   */
  decimalSeparator: z.enum(['.', ',']).optional(),
};

/** Draws a sample row's value (or several, jointly) by frequency. */
const choice = z.strictObject({
  ...valueFields,
  kind: z.literal('choice'),
  /** An expression over a sample row, or named outputs drawn together. */
  sample: z.union([expression, z.record(z.string(), expression)]).optional(),
  /** Explicit values and weights instead of the sample. */
  values: z.record(z.string(), z.number().nonnegative()).optional(),
  /** Only sample rows where this holds. */
  where: expression.optional(),
});

/** Draws from the sample's distribution of a numeric expression. */
const number = z.strictObject({
  ...valueFields,
  kind: z.literal('number'),
  sample: expression,
  where: expression.optional(),
  /** Interpolate between neighbouring sample values (default true). */
  smooth: z.boolean().default(true),
});

/** A unique number per entity in a digit range, never a sample value. */
const identifier = z.strictObject({
  ...valueFields,
  kind: z.literal('identifier'),
  digits: z.tuple([z.number().int().min(1), z.number().int().max(15)]),
  /** Text put before the digits, such as a leading 0. */
  prefix: z.string().default(''),
  /** A sample expression whose values must never be reused. */
  avoid: expression.optional(),
});

/** A person's name recombined from the sample's first and last names. */
const name = z.strictObject({
  ...valueFields,
  kind: z.literal('name'),
  sample: expression,
  /** Sample values matching this pattern are not names. */
  exclude: z.string().optional(),
});

/** A value computed from other columns of the row. */
const expr = z.strictObject({
  ...valueFields,
  kind: z.literal('expr'),
  expr: expression,
  /**
   * For entity attributes: a value another entity already has gets a
   * two-digit suffix (01, 02, ...), as exports do for clashing ids.
   */
  distinct: z.boolean().default(false),
});

/** Text with ${expression} parts. */
const template = z.strictObject({
  ...valueFields,
  kind: z.literal('template'),
  template: z.string(),
});

/** The entity's previous value of another column, across days too. */
const carry = z.strictObject({
  ...valueFields,
  kind: z.literal('carry'),
  from: z.string().min(1),
  /** The value on the entity's very first row. */
  initial: expression,
});

/** Times of day drawn from the sample's profile, rising within an entity. */
const time = z.strictObject({
  ...valueFields,
  kind: z.literal('time'),
  sample: expression,
  /** The part of the day the times fall in, as HH:mm:ss. */
  window: z
    .tuple([
      z.string().regex(/^\d\d:\d\d:\d\d$/),
      z.string().regex(/^\d\d:\d\d:\d\d$/),
    ])
    .default(['00:00:00', '23:59:59']),
});

/** A counter over the file's rows in written order, continuing by day. */
const sequence = z.strictObject({
  ...valueFields,
  kind: z.literal('sequence'),
  /** First value: a number, or "sample" for the sample's first value. */
  start: z.union([z.number(), z.literal('sample')]),
  /** Rows that share one value. */
  every: z.number().int().positive().default(1),
});

/** A value of the row's entity. */
const entity = z.strictObject({
  ...valueFields,
  kind: z.literal('entity'),
  /** The entity attribute; defaults to the column's name. */
  attribute: z.string().optional(),
});

export const generatorSchema = z.discriminatedUnion('kind', [
  choice,
  number,
  identifier,
  name,
  expr,
  template,
  carry,
  time,
  sequence,
  entity,
]);

const aggregate = z.strictObject({
  fn: z.enum(['count', 'sum', 'max', 'min', 'argmax', 'argmin']),
  /** The source column, for all but count. */
  of: z.string().optional(),
  where: expression.optional(),
});

const relation = z.strictObject({
  name: z.string().min(1),
  description: z.string().default(''),
  /** Holds for every written row; written values are in scope. */
  check: expression,
});

const fileSchema = z.strictObject({
  role: z.string().regex(/^[a-z][a-z0-9_]*$/, 'expected lower_snake_case'),
  /** A regular expression that a sample's file name matches. */
  match: z.string().min(1),
  /** The mock file's name, a template; `day` is the mock day. */
  output: z.string().min(1),
  entity: z.string().min(1),
  /** The sample column that identifies the entity. */
  entityKey: z.string().min(1),
  /**
   * "primary": --data_size rows over the range, spread over entities;
   * "per-entity-day": one row per entity per day, aggregating `from`.
   */
  rows: z.enum(['primary', 'per-entity-day']),
  from: z.string().optional(),
  aggregates: z.record(z.string(), aggregate).default({}),
  /** Written order: by entity (default) or by a column, rising. */
  order: z
    .strictObject({
      by: z.string().min(1),
      descending: z.boolean().default(false),
    })
    .optional(),
  /** A short row placed among the rows, such as a median line. */
  markers: z
    .array(
      z.strictObject({
        /** Where it stands: after half the rows, rounded up. */
        at: z.literal('middle'),
        /** How many fields the marker row has. */
        width: z.number().int().positive(),
        /** The column that identifies the marker in the sample. */
        key: z.string(),
        /** Expressions per column; median(column) is available. */
        values: z.record(z.string(), expression),
      }),
    )
    .default([]),
  /** Lines after the data, such as a report footer. */
  trailer: z
    .strictObject({
      /** The line that separates data from trailer in the sample. */
      separator: z.string(),
      /** Templates; `day` is the mock day. */
      lines: z.array(z.string()),
      finalNewline: z.boolean().default(false),
    })
    .optional(),
  /** Line break of the mock; without it, the sample's. */
  newline: z.enum(['\n', '\r\n']).optional(),
  /**
   * How the sample is written; each field given is checked against the
   * sample, each left out is taken from it, and the mock is written so.
   */
  dialect: z
    .strictObject({
      delimiter: z.enum(DELIMITERS).optional(),
      /** "all": every field quoted; "minimal": only where needed. */
      quote: z.enum(['minimal', 'all']).optional(),
      /** Whether the file starts with a byte-order mark. */
      bom: z.boolean().optional(),
      /** The encoding of a sample without a byte-order mark. */
      encoding: z.enum(ENCODINGS).optional(),
    })
    .optional(),
  finalNewline: z.boolean().default(true),
  columns: z.array(generatorSchema).min(1),
  relations: z.array(relation).default([]),
  /**
   * Groups of `number` columns drawn together through a Gaussian copula,
   * so that they keep the sample's rank correlations; other columns are
   * drawn each on its own.
   */
  copula: z.array(z.array(z.string().min(1)).min(2)).default([]),
});

const entitySchema = z.strictObject({
  /**
   * How strongly an entity's activity persists from day to day, from 0
   * (each day drawn afresh) to 1 (always the same share of rows).
   */
  persistence: z.number().min(0).max(1).default(0.7),
  attributes: z.array(generatorSchema).default([]),
});

export const configSchema = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().regex(/^[a-z][a-z0-9_-]*$/, 'expected lower-case name'),
  description: z.string().default(''),
  /** Which file's rows --data_size counts. */
  primary: z.string().min(1),
  entities: z.record(z.string(), entitySchema),
  files: z.array(fileSchema).min(1),
});

export type Config = z.infer<typeof configSchema>;
export type FileSpec = Config['files'][number];
export type EntitySpec = Config['entities'][string];
export type GeneratorSpec = z.infer<typeof generatorSchema>;
export type AggregateSpec = z.infer<typeof aggregate>;
