import { columnOf, quoted, ref, type FilePlan } from './plan';

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
