/**
 * The smallest and largest of many numbers. `Math.min(...values)` passes
 * every value as an argument and overflows the stack on a large sample.
 */
export function extent(values: number[]): [number, number] {
  let low = Infinity;
  let high = -Infinity;
  for (const v of values) {
    if (v < low) low = v;
    if (v > high) high = v;
  }
  return [low, high];
}
