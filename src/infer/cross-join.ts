import type { Row } from '../core/expr';
import { typedRows, type ColumnType, type TableRows } from './typed';

/**
 * Two samples of one day joined on the column that names the entity: a
 * file with many rows per entity (incidents) and one with a row per
 * entity (the per-driver summary). Everything else about the pair is
 * found on this join.
 */
export interface Joined {
  many: TableRows;
  perEntity: TableRows;
  manyTypes: ColumnType[];
  perEntityTypes: ColumnType[];
  manyRows: Row[];
  perEntityRows: Row[];
  /**
   * The join columns in each file: one, or two when one alone repeats
   * (two drivers of one name, told apart by their ids).
   */
  key: JoinKey;
  /**
   * Per row of the per-entity file, the indexes of its entity's rows in
   * the other, in file order.
   */
  groups: number[][];
}

/**
 * Joins the files on the per-entity column whose values are all distinct
 * and name every row of the other file, preferring one of the same name
 * there; undefined when there is none.
 */
export function joinTables(
  many: TableRows,
  perEntity: TableRows,
  manyTypes: ColumnType[],
  perEntityTypes: ColumnType[],
): Joined | undefined {
  const key = joinKey(many, perEntity);
  if (!key) return undefined;
  const manyRows = typedRows(many, manyTypes);
  const perEntityRows = typedRows(perEntity, perEntityTypes);
  const byKey = new Map<string, number[]>();
  const manyKey = keyOf(many.header, key.many);
  many.records.forEach((fields, r) => {
    const rows = byKey.get(manyKey(fields)) ?? [];
    rows.push(r);
    byKey.set(manyKey(fields), rows);
  });
  const ownKey = keyOf(perEntity.header, key.perEntity);
  const groups = perEntity.records.map((f) => byKey.get(ownKey(f)) ?? []);
  return {
    many,
    perEntity,
    manyTypes,
    perEntityTypes,
    manyRows,
    perEntityRows,
    key,
    groups,
  };
}

export interface JoinKey {
  many: string[];
  perEntity: string[];
}

function keyOf(header: string[], columns: string[]) {
  const at = columns.map((c) => header.indexOf(c));
  return (fields: string[]) => at.map((i) => fields[i]).join('\u0000');
}

/**
 * The best join: a single column of the same name in both files first,
 * then two such columns together, then a single column of another name.
 */
function joinKey(many: TableRows, perEntity: TableRows): JoinKey | undefined {
  const shared = perEntity.header.filter((h) => many.header.includes(h));
  const tries: JoinKey[] = [
    ...shared.map((c) => ({ many: [c], perEntity: [c] })),
    ...shared.flatMap((a, i) =>
      shared.slice(i + 1).map((b) => ({ many: [a, b], perEntity: [a, b] })),
    ),
  ];
  for (const key of tries) if (joins(many, perEntity, key)) return key;
  for (const own of perEntity.header) {
    for (const other of many.header) {
      const key = { many: [other], perEntity: [own] };
      if (joins(many, perEntity, key)) return key;
    }
  }
  return undefined;
}

/**
 * True when the key names each per-entity row once, the first column is
 * never empty, and every row of the other file names one of them.
 */
function joins(many: TableRows, perEntity: TableRows, key: JoinKey): boolean {
  const first = perEntity.header.indexOf(key.perEntity[0]);
  if (perEntity.records.some((r) => r[first] === '')) return false;
  const own = keyOf(perEntity.header, key.perEntity);
  const keys = new Set(perEntity.records.map(own));
  if (keys.size !== perEntity.records.length || keys.size < 2) return false;
  const other = keyOf(many.header, key.many);
  const named = new Set(many.records.map(other));
  return named.size > 1 && [...named].every((k) => keys.has(k));
}
