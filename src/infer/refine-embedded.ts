import { parseExpression, referencedNames } from '../core/expr';
import { parseTemplate, templateNames } from '../core/template';
import { inferEmbedded, type Embedding } from './embedded';
import { freshName, type DatasetPlan, type FilePlan } from './plan';
import { entityParts } from './entity-parts';
import { pruneHidden } from './prune';

/**
 * Makes each column that embeds others of its row (a URL, a link, a key)
 * a template over them, with its unexplained parts drawn jointly and a
 * check that the row is embedded.
 */
export function applyEmbedded(plan: DatasetPlan): void {
  for (const file of plan.files) {
    const { found } = inferEmbedded(file.table, file.columns);
    for (const embedding of found) {
      if (readsBack(file, embedding)) continue;
      apply(plan, file, embedding);
    }
    pruneHidden(file);
  }
}

function apply(plan: DatasetPlan, file: FilePlan, e: Embedding): void {
  let spec = e.spec;
  const parts = e.hidden;
  if (
    parts?.kind === 'choice' &&
    typeof parts.sample === 'object' &&
    spec.kind === 'template'
  ) {
    const name = freshName(file, parts.name);
    const sample = { ...parts.sample };
    let template = spec.template.split(`\${${parts.name}.`).join(`\${${name}.`);
    entityParts(plan, file, e.column, sample).forEach((attribute, field) => {
      template = template
        .split(`\${${name}.${field}}`)
        .join(`\${${attribute}}`);
    });
    spec = { ...spec, template };
    drawAlong(file, e.embeds, name, sample);
    if (Object.keys(sample).length)
      file.hidden.push({ ...parts, name, sample });
  }
  file.generators.set(e.column, spec);
  file.relations.push(e.relation);
}

/**
 * Embedded columns that are plain draws from the sample (a location, its
 * speed limit) are drawn with the hidden parts, from the same sample
 * row, so a URL's coordinates and heading belong to its place.
 */
function drawAlong(
  file: FilePlan,
  embeds: string[],
  hidden: string,
  sample: Record<string, string>,
): void {
  for (const name of embeds) {
    const g = file.generators.get(name);
    if (g?.kind !== 'choice' || g.sample !== name) continue;
    if (g.where || g.values || (g.file && g.file !== file.role)) continue;
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || name in sample) continue;
    sample[name] = name;
    const { type, format, decimals, placeholders } = g;
    file.generators.set(name, {
      name,
      ...(type ? { type } : {}),
      ...(format ? { format } : {}),
      ...(decimals !== undefined ? { decimals } : {}),
      ...(placeholders?.length ? { placeholders } : {}),
      kind: 'expr',
      expr: `${hidden}.${name}`,
    });
  }
}

/**
 * True when a column the template reads is itself computed from the
 * embedding column, which would make the two wait for each other.
 */
function readsBack(file: FilePlan, e: Embedding): boolean {
  return e.embeds.some((name) => {
    const g = file.generators.get(name);
    if (!g) return false;
    if (g.kind === 'expr') {
      return referencedNames(parseExpression(g.expr)).has(e.column);
    }
    if (g.kind === 'template') {
      return templateNames(parseTemplate(g.template)).has(e.column);
    }
    return false;
  });
}
