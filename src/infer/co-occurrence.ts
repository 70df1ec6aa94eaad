import { freshName, ref, type DatasetPlan, type FilePlan } from './plan';

/**
 * Draws a file's free categories together. A category column that no
 * other step has tied to anything draws a sample row's value; drawn one
 * by one, two such columns would pair values the sample never pairs (a
 * status with a user status it never has). Drawn as one sample row's
 * values, they keep how often each combination occurs.
 */
export function applyCoOccurrence(plan: DatasetPlan): void {
  for (const file of plan.files) drawTogether(file);
}

function drawTogether(file: FilePlan): void {
  const free = [...file.generators.entries()].filter(
    ([name, g]) =>
      g.kind === 'choice' &&
      g.sample === ref(name) &&
      g.where === undefined &&
      g.values === undefined &&
      !g.hidden,
  );
  if (free.length < 2) return;

  const joint = freshName(file, 'CATEGORIES');
  file.hidden.push({
    name: joint,
    kind: 'choice',
    hidden: true,
    sample: Object.fromEntries(free.map(([name]) => [name, ref(name)])),
  });
  for (const [name, g] of free) {
    const { sample: _, ...fields } = g as typeof g & { sample: string };
    file.generators.set(name, {
      ...fields,
      kind: 'expr',
      expr: `${joint}.${ref(name)}`,
    });
  }
}
