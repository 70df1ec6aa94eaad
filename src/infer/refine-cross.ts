import { parseExpression, referencedNames } from '../core/expr';
import { inferCrossFile, type CrossFindings } from './cross';
import { ref, type DatasetPlan, type FilePlan } from './plan';
import { pruneHidden } from './prune';

/**
 * Ties each file with a row per entity and day to the file it
 * summarises: aggregates of that file's rows, the columns computed from
 * them, percentages and totals, the written order, the median line and
 * the checks, all found on the samples.
 */
export function applyCrossFile(plan: DatasetPlan): void {
  for (const file of plan.files) {
    if (file.rows !== 'per-entity-day' || !file.from) continue;
    const many = plan.files.find((f) => f.role === file.from);
    // Aggregates follow one entity through both files.
    if (!many || many.entity !== file.entity) continue;
    const found = inferCrossFile(many.table, file.table, {
      from: many.role,
      manyTypes: many.columns,
      perEntityTypes: file.columns,
      taken: [
        ...many.hidden,
        ...file.hidden,
        ...(plan.entities.get(file.entity)?.attributes ?? []),
      ].map((h) => h.name),
      role: file.role,
    });
    if (!found) continue;
    apply(plan, many, file, found);
    pruneHidden(file);
  }
}

function apply(
  plan: DatasetPlan,
  many: FilePlan,
  file: FilePlan,
  found: CrossFindings,
): void {
  file.aggregates = { ...file.aggregates, ...found.file.aggregates };
  for (const spec of found.columns) file.generators.set(spec.name, spec);
  file.hidden.push(...found.hidden);
  many.hidden.push(...found.manyHidden);
  plan.entities.get(file.entity)?.attributes.push(...found.attributes);
  if (found.file.order) file.order = found.file.order;
  if (found.file.markers.length) file.markers = found.file.markers;
  const known = new Set(file.relations.map((r) => namesOf(r.check)));
  file.relations.push(
    ...found.relations.filter((r) => !known.has(namesOf(r.check))),
  );
  shareAttributes(plan, many, file, found.shared);
  plan.notes = [...(plan.notes ?? []), ...found.notes];
}

/**
 * Columns both files hold with one value per entity become attributes of
 * the entity, so the two files agree on them in the mock too.
 */
function shareAttributes(
  plan: DatasetPlan,
  many: FilePlan,
  file: FilePlan,
  shared: string[],
): void {
  const entity = plan.entities.get(file.entity);
  if (!entity || many.entity !== file.entity) return;
  for (const name of shared) {
    const own = file.generators.get(name);
    const other = many.generators.get(name);
    if (own?.kind === 'entity' && other?.kind === 'entity') continue;
    if (entity.attributes.some((a) => a.name === name)) continue;
    const type = other && 'type' in other ? other.type : undefined;
    entity.attributes.push({
      name,
      ...(type && type !== 'text' ? { type } : {}),
      kind: 'choice',
      sample: ref(name),
      file: many.role,
    });
    const read = { name, ...(type && type !== 'text' ? { type } : {}) };
    many.generators.set(name, { ...read, kind: 'entity' });
    file.generators.set(name, { ...read, kind: 'entity' });
  }
}

/** The columns a check reads, to tell one already there by another. */
function namesOf(check: string): string {
  return [...referencedNames(parseExpression(check))].sort().join('\u0000');
}
