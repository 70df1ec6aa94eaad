import { SampleError } from '../errors';

/**
 * Checks that no column is named twice: values are told apart by name, so
 * the second column of a name would be unreachable in a config.
 * @throws SampleError naming the column and both of its positions.
 */
export function checkUniqueNames(header: string[], fileName: string): void {
  const first = new Map<string, number>();
  header.forEach((column, i) => {
    const earlier = first.get(column);
    if (earlier !== undefined) {
      throw new SampleError(
        `${fileName}: column "${column}" appears twice (columns ${earlier + 1} and ${i + 1}), expected unique names`,
      );
    }
    first.set(column, i);
  });
}
