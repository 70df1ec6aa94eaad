import { evaluate, parseExpression, toText } from '../core/expr';
import type { DatasetPlan, FilePlan } from './plan';

/** Share of entity keys that may show two values of a part. */
const SHARED_KEYS = 0.02;

/**
 * Drawn parts of an embedding column that never change within an entity
 * (a vehicle's id inside every URL of its driver) become attributes of
 * the entity, drawn once, so each mock driver keeps one as the sample's
 * drivers do.
 */
export function entityParts(
  plan: DatasetPlan,
  file: FilePlan,
  column: string,
  sample: Record<string, string>,
): Map<string, string> {
  const moved = new Map<string, string>();
  const entity = plan.entities.get(file.entity);
  const key = file.table.header.indexOf(file.entityKey);
  const at = file.table.header.indexOf(column);
  if (!entity || key < 0 || at < 0) return moved;
  for (const [field, expr] of Object.entries(sample)) {
    if (!followsEntity(file, key, at, column, expr)) continue;
    const name = attributeName(plan, `${column}_${field}`.toUpperCase());
    entity.attributes.push({
      name,
      kind: 'choice',
      sample: expr,
      file: file.role,
    });
    moved.set(field, name);
    delete sample[field];
  }
  return moved;
}

/**
 * True when the part is one value per entity, not one for all. An entity
 * key two entities share (two drivers of one name) may show two values;
 * a few such keys are let pass.
 */
function followsEntity(
  file: FilePlan,
  key: number,
  at: number,
  column: string,
  expr: string,
): boolean {
  const node = parseExpression(expr);
  const byEntity = new Map<string, Set<string>>();
  const values = new Set<string>();
  for (const fields of file.table.records) {
    const row = { [column]: fields[at] };
    const value = toText(evaluate(node, row, { random: () => 0 }));
    const seen = byEntity.get(fields[key]) ?? new Set<string>();
    byEntity.set(fields[key], seen.add(value));
    values.add(value);
  }
  const mixed = [...byEntity.values()].filter((v) => v.size > 1).length;
  const allowed = Math.max(1, Math.floor(byEntity.size * SHARED_KEYS));
  return (
    values.size > 1 &&
    byEntity.size < file.table.records.length &&
    mixed <= allowed
  );
}

/** A name no file's column, hidden column or attribute has. */
function attributeName(plan: DatasetPlan, wanted: string): string {
  const taken = new Set([
    ...plan.files.flatMap((f) => [
      ...f.table.header,
      ...f.hidden.map((h) => h.name),
    ]),
    ...[...plan.entities.values()].flatMap((e) =>
      e.attributes.map((a) => a.name),
    ),
  ]);
  let name = wanted.replace(/[^A-Z0-9_]+/g, '_');
  for (let n = 2; taken.has(name); n++) name = `${wanted}_${n}`;
  return name;
}
