import { guarded } from './checks';
import { valueFields } from './fields';
import { withGaps } from './gaps';
import { columnOf, freshName, ref, type FilePlan, type Taken } from './plan';
import type { TimePlan } from './time';

/**
 * Date-times: drawn ones from the sample's time-of-day profile, rising per
 * entity; following ones a sampled lag after theirs. The column the file
 * is ordered by never falls within an entity.
 */
export function applyTimes(
  file: FilePlan,
  times: TimePlan,
  orderBy: string | undefined,
  taken: Taken,
): void {
  for (const name of times.drawn) {
    if (taken.has(name)) continue;
    const c = columnOf(file, name);
    file.generators.set(
      name,
      withGaps(file, c, {
        ...valueFields(c),
        placeholders: undefined,
        kind: 'time',
        sample: ref(name),
      }),
    );
    taken.add(name);
  }
  for (const { column, after } of times.following) {
    if (taken.has(column)) continue;
    const c = columnOf(file, column);
    const lag = freshName(file, `${column}_LAG`);
    file.hidden.push({
      name: lag,
      kind: 'number',
      hidden: true,
      sample: `${ref(column)} - ${ref(after)}`,
      where: `${ref(column)} >= ${ref(after)}`,
    });
    let expr = `${ref(after)} + ${ref(lag)}`;
    if (column === orderBy) {
      const previous = freshName(file, `PREVIOUS_${column}`);
      file.hidden.push({
        name: previous,
        kind: 'carry',
        hidden: true,
        from: column,
        initial: '0',
      });
      expr = `max(${expr}, ${ref(previous)})`;
    }
    file.generators.set(column, { ...valueFields(c), kind: 'expr', expr });
    taken.add(column);
    file.relations.push({
      name: `${column} follows ${after}`,
      description: `${after} <= ${column}`,
      check: guarded(file, [column, after], `${ref(after)} <= ${ref(column)}`),
    });
  }
}
