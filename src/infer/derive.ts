import type { CarryRelation, SumRelation } from './relations';
import { valueFields, withGaps } from './leaves';
import {
  columnOf,
  freshName,
  quoted,
  ref,
  type FilePlan,
  type GeneratorInput,
} from './plan';
import type { TimePlan } from './time';

/** Columns whose generator another step has fixed. */
export type Taken = Set<string>;

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

/** A check that passes on rows where one of its columns has no value. */
export function guarded(
  file: FilePlan,
  names: string[],
  check: string,
): string {
  const gaps = names.flatMap((n) => {
    const c = columnOf(file, n);
    const tests = c.placeholders.map((p) => `${ref(n)} == ${quoted(p)}`);
    if (c.emptyShare > 0) tests.push(`len(${ref(n)}) == 0`);
    return tests;
  });
  return gaps.length ? `${gaps.join(' || ')} || ${check}` : check;
}

/**
 * Computes one column of each sum from the other two: the total when it
 * is free, else an operand, never closing a loop of computed columns.
 */
export function applySums(file: FilePlan, sums: SumRelation[], taken: Taken) {
  const needs = new Map<string, string[]>();
  const dependsOn = (from: string, on: string): boolean =>
    from === on || (needs.get(from) ?? []).some((n) => dependsOn(n, on));
  for (const sum of sums) {
    const options: [string, string][] = [
      [sum.total, `${ref(sum.left)} + ${ref(sum.right)}`],
      [sum.right, `${ref(sum.total)} - ${ref(sum.left)}`],
      [sum.left, `${ref(sum.total)} - ${ref(sum.right)}`],
    ];
    const pick = options.find(([column]) => {
      if (taken.has(column)) return false;
      const inputs = [sum.total, sum.left, sum.right].filter(
        (n) => n !== column,
      );
      return !inputs.some((n) => dependsOn(n, column));
    });
    const tolerance = sum.tolerance > 1e-6 ? sum.tolerance : 0;
    file.relations.push({
      name: `${sum.total} is ${sum.left} + ${sum.right}`,
      description: `${sum.total} = ${sum.left} + ${sum.right}`,
      check: guarded(
        file,
        [sum.total, sum.left, sum.right],
        tolerance
          ? `abs(${ref(sum.total)} - ${ref(sum.left)} - ${ref(sum.right)}) < ${tolerance * 1.01}`
          : `${ref(sum.total)} == ${ref(sum.left)} + ${ref(sum.right)}`,
      ),
    });
    if (!pick) continue;
    const [column, expr] = pick;
    const c = columnOf(file, column);
    needs.set(
      column,
      [sum.total, sum.left, sum.right].filter((n) => n !== column),
    );
    const inputs = needs.get(column)!;
    file.generators.set(column, {
      ...valueFields(c),
      kind: 'expr',
      expr: gapsPass(file, inputs, expr),
    });
    taken.add(column);
  }
}

/** An expression that yields an input's placeholder when it has one. */
function gapsPass(file: FilePlan, inputs: string[], expr: string): string {
  let out = expr;
  for (const n of inputs) {
    const c = columnOf(file, n);
    for (const p of c.placeholders) {
      out = `if(${ref(n)} == ${quoted(p)}, ${quoted(p)}, ${out})`;
    }
  }
  return out;
}

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

/** Gives a generator to every column no step has taken. */
export function fillLeaves(
  file: FilePlan,
  leaf: (c: ReturnType<typeof columnOf>) => GeneratorInput,
  taken: Taken,
): void {
  for (const c of file.columns) {
    if (taken.has(c.name)) continue;
    file.generators.set(c.name, leaf(c));
    taken.add(c.name);
  }
}
