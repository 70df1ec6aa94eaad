import type { AggregateSpec } from '../config/schema';
import type { GeneratorInput } from './plan';
import { findArgmax } from './cross-argmax';
import { findCounts } from './cross-counts';
import { findExtremes } from './cross-extremes';
import { joinTables, type JoinKey, type Joined } from './cross-join';
import { findTotals } from './cross-totals';
import { defineColumns } from './definitions';
import type { RelationSpec } from './embedded';
import {
  findMarkers,
  findOrder,
  type MarkerSpec,
  type OrderSpec,
} from './layout';
import { guessTypes, type ColumnType, type TableRows } from './typed';
import { findRatios, findSums } from './within';

/**
 * What one file with a row per entity (a per-driver summary) owes to a
 * file with many rows per entity (the incidents) of the same day, in the
 * config's terms: how the two join, the aggregates of the other file's
 * rows, column expressions over them, the written order, marker rows and
 * the checks that hold. Each finder checks what it returns on every
 * sample row; there, a copied row need only be one of the entity's rows,
 * and a ratio may have rounded a half either way.
 */

export interface CrossFindings {
  /** The join columns in each file; the first per-entity one is `entityKey`. */
  key: JoinKey;
  /** The per-entity file's spec, less its columns. */
  file: {
    rows: 'per-entity-day';
    from: string;
    entityKey: string;
    aggregates: Record<string, AggregateSpec>;
    order?: OrderSpec;
    markers: MarkerSpec[];
  };
  /** Generators for the per-entity columns found, in header order. */
  columns: GeneratorInput[];
  /** Hidden generators those columns read. */
  hidden: GeneratorInput[];
  /** Hidden generators the other file needs, such as a drawn flag. */
  manyHidden: GeneratorInput[];
  /** Attributes the entity needs, such as its share of a split. */
  attributes: GeneratorInput[];
  /** Columns both files hold that agree for each entity. */
  shared: string[];
  relations: RelationSpec[];
  /** What was looked for and not found. */
  notes: string[];
}

export interface CrossOptions {
  /** The role of the file with many rows, for `from`. */
  from: string;
  manyTypes?: ColumnType[];
  perEntityTypes?: ColumnType[];
  /** Names already used, such as other steps' hidden columns. */
  taken?: string[];
  /** The per-entity file's role, for attributes drawn from its sample. */
  role?: string;
}

/**
 * Finds how `perEntity` summarises `many`; undefined when no column of
 * `perEntity` names the entities of every row of `many`.
 */
export function inferCrossFile(
  many: TableRows,
  perEntity: TableRows,
  options: CrossOptions,
): CrossFindings | undefined {
  const j = joinTables(
    many,
    perEntity,
    options.manyTypes ?? guessTypes(many),
    options.perEntityTypes ?? guessTypes(perEntity),
  );
  if (!j) return undefined;
  const name = uniqueNames([
    ...many.header,
    ...perEntity.header,
    ...(options.taken ?? []),
  ]);
  const counts = findCounts(j, name, options.role);
  const count = Object.keys(counts.aggregates)[0];
  const aggregates = { ...counts.aggregates };
  const known = new Map(counts.defined);
  const relations = [...counts.relations];
  const arg = findArgmax(j, new Set(known.keys()), count, name);
  const manyHidden = [...counts.manyHidden, ...(arg?.manyHidden ?? [])];
  if (arg) {
    Object.assign(aggregates, arg.aggregates);
    arg.defined.forEach((e, c) => known.set(c, e));
    relations.push(...arg.relations);
  }
  const totals = findTotals(j, new Set(known.keys()), count, name);
  Object.assign(aggregates, totals.aggregates);
  totals.defined.forEach((e, c) => known.set(c, e));
  relations.push(...totals.relations);
  const rows = j.perEntityRows;
  const sums = findSums(j.perEntityTypes, rows);
  const ratios = findRatios(j.perEntityTypes, rows);
  const defs = defineColumns(known, sums, ratios, rows, name);
  relations.push(...defs.relations);
  const hidden = [...defs.hidden];
  const extremes = findExtremes(j, defs.defined, defs.floors, aggregates, name);
  if (extremes) {
    Object.assign(aggregates, extremes.aggregates);
    extremes.defined.forEach((e, c) => defs.defined.set(c, e));
    hidden.push(...extremes.hidden);
    relations.push(...extremes.relations);
  }
  return {
    key: j.key,
    file: {
      rows: 'per-entity-day',
      from: options.from,
      entityKey: j.key.perEntity[0],
      aggregates,
      order: findOrder(j.perEntityTypes, rows),
      markers: findMarkers(perEntity, j.perEntityTypes, rows),
    },
    columns: columnsOf(j, defs.defined),
    hidden,
    manyHidden,
    attributes: counts.attributes,
    shared: sharedColumns(j),
    relations,
    notes: [...counts.notes, ...(arg?.notes ?? [])],
  };
}

/** Names for aggregates and hidden columns that no column has. */
function uniqueNames(taken: string[]): (base: string) => string {
  const used = new Set(taken);
  return (base) => {
    let name = base;
    for (let k = 2; used.has(name); k++) name = `${base}_${k}`;
    used.add(name);
    return name;
  };
}

/** Expression generators for the defined columns, typed as written. */
function columnsOf(j: Joined, defined: Map<string, string>): GeneratorInput[] {
  return j.perEntity.header.flatMap((column): GeneratorInput[] => {
    const expr = defined.get(column);
    if (expr === undefined) return [];
    const type = j.perEntityTypes.find((t) => t.name === column);
    return [
      {
        name: column,
        kind: 'expr',
        expr,
        ...(type && type.type !== 'text' ? { type: type.type } : {}),
        ...(type?.format ? { format: type.format } : {}),
        ...(type?.decimals !== undefined ? { decimals: type.decimals } : {}),
        ...(type?.placeholders.length
          ? { placeholders: type.placeholders }
          : {}),
      },
    ];
  });
}

/** Columns of both files whose value is the same for each entity. */
function sharedColumns(j: Joined): string[] {
  return j.perEntity.header.filter((column, c) => {
    const at = j.many.header.indexOf(column);
    if (at < 0 || j.key.perEntity.includes(column)) return false;
    if (j.perEntity.records.every((r) => r[c] === '')) return false;
    return j.groups.every((g, r) =>
      g.every((i) => j.many.records[i][at] === j.perEntity.records[r][c]),
    );
  });
}
