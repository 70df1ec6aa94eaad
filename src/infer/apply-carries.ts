import { guarded } from './checks';
import { valueFields } from './fields';
import { columnOf, freshName, ref, type FilePlan, type Taken } from './plan';
import type { CarryRelation } from './relations';

/**
 * Makes each carried column continue its source from the entity's
 * previous row. The very first row starts a sampled gap before the
 * source (date-times) or at a sampled value of the column (numbers).
 */
export function applyCarries(
  file: FilePlan,
  carries: CarryRelation[],
  taken: Taken,
): void {
  for (const { target, source } of carries) {
    if (taken.has(target)) continue;
    const c = columnOf(file, target);
    const ordered = notAfterShare(file, target, source) >= NOT_AFTER;
    const initial =
      c.type === 'datetime' && ordered
        ? datetimeStart(file, target, source)
        : c.type === 'datetime'
          ? clockStart(file, target)
          : numberStart(file, target);
    file.generators.set(target, {
      ...valueFields(c),
      placeholders: undefined,
      kind: 'carry',
      from: source,
      initial,
    });
    taken.add(target);
    if (!ordered) continue;
    file.relations.push({
      name: `${target} runs up to ${source}`,
      description: `${target} <= ${source}; ${target} continues the entity's previous ${source}`,
      check: guarded(
        file,
        [target, source],
        `${ref(target)} <= ${ref(source)}`,
      ),
    });
  }
}

/** Share of rows on which one column must not pass another to say so. */
const NOT_AFTER = 0.99;

/** Share of rows with both values on which `a` is at most `b`. */
function notAfterShare(file: FilePlan, a: string, b: string): number {
  const [x, y] = [columnOf(file, a).values, columnOf(file, b).values];
  let checked = 0;
  let held = 0;
  x.forEach((v, i) => {
    if (!Number.isFinite(v) || !Number.isFinite(y[i])) return;
    checked++;
    if (v <= y[i]) held++;
  });
  return checked ? held / checked : 0;
}

/** A first date-time at a sampled time of the mock day. */
function clockStart(file: FilePlan, target: string): string {
  const clock = freshName(file, `${target}_CLOCK`);
  file.hidden.push({
    name: clock,
    kind: 'number',
    hidden: true,
    sample: `seconds_of_day(${ref(target)})`,
  });
  return `day + ${ref(clock)}`;
}

function datetimeStart(file: FilePlan, target: string, source: string): string {
  const gap = freshName(file, `${target}_GAP`);
  file.hidden.push({
    name: gap,
    kind: 'number',
    hidden: true,
    sample: `${ref(source)} - ${ref(target)}`,
    where: `${ref(source)} >= ${ref(target)}`,
  });
  return `${ref(source)} - ${ref(gap)}`;
}

function numberStart(file: FilePlan, target: string): string {
  const c = columnOf(file, target);
  const first = freshName(file, `FIRST_${target}`);
  file.hidden.push({
    name: first,
    kind: 'number',
    hidden: true,
    sample: ref(target),
    ...(c.decimals ? { decimals: c.decimals } : {}),
  });
  return ref(first);
}
