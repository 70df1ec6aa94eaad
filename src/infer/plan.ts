import type { z } from 'zod';
import type { configSchema, generatorSchema } from '../config/schema';
import type { ColumnInfo } from './kinds';
import type { Table } from './table';

/** A config as written, before the schema fills in its defaults. */
export type ConfigInput = z.input<typeof configSchema>;
export type FileInput = ConfigInput['files'][number];
export type GeneratorInput = z.input<typeof generatorSchema>;
export type RelationInput = NonNullable<FileInput['relations']>[number];

/**
 * What inference knows about one sample file, and the generators it has
 * chosen so far. Each step of inference reads and refines it; the last
 * turns it into a config. Later steps may replace any column's generator,
 * add hidden columns, aggregates, markers and relations.
 */
export interface FilePlan {
  role: string;
  table: Table;
  columns: ColumnInfo[];
  match: string;
  output: string;
  entity: string;
  entityKey: string;
  rows: 'primary' | 'per-entity-day';
  from?: string;
  /** One generator per header column, by name. */
  generators: Map<string, GeneratorInput>;
  /** Generated, not written: helpers that other columns read. */
  hidden: GeneratorInput[];
  aggregates: NonNullable<FileInput['aggregates']>;
  markers: NonNullable<FileInput['markers']>;
  order?: { by: string; descending?: boolean };
  relations: RelationInput[];
}

/** An entity and the attributes it keeps for the whole range. */
export interface EntityPlan {
  name: string;
  attributes: GeneratorInput[];
}

/** Everything inference knows about a set of samples. */
export interface DatasetPlan {
  name: string;
  primary: string;
  entities: Map<string, EntityPlan>;
  files: FilePlan[];
  /** What inference looked for and could only work around, for the reader. */
  notes?: string[];
}

/** A refinement of a plan, such as finding relations across files. */
export type InferenceStep = (plan: DatasetPlan) => void;

/**
 * Whether an expression can name the column at all: backticks quote odd
 * names, so a name holding one cannot be quoted.
 */
export function referable(name: string): boolean {
  return !name.includes('`');
}

/** Text as an expression's string literal. */
export function quoted(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** Columns whose generator a step of inference has fixed. */
export type Taken = Set<string>;

/** A column's name as an expression reads it. */
export function ref(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `\`${name}\``;
}

/** A hidden column's name that no column of the file has yet. */
export function freshName(file: FilePlan, wanted: string): string {
  const taken = new Set([
    ...file.table.header,
    ...file.hidden.map((h) => h.name),
  ]);
  let name = wanted;
  for (let n = 2; taken.has(name); n++) name = `${wanted}_${n}`;
  return name;
}

/** The file's column info by name. */
export function columnOf(file: FilePlan, name: string): ColumnInfo {
  return file.columns.find((c) => c.name === name)!;
}
