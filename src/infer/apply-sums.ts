import { guarded } from './checks';
import { valueFields } from './fields';
import { columnOf, quoted, ref, type FilePlan, type Taken } from './plan';
import type { SumRelation } from './relations';

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
