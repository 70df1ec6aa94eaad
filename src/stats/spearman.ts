/**
 * Spearman's rank correlation, shared by the generator (which learns it
 * from a sample) and the report (which compares sample and mock by it).
 * Ranks rather than values, so that skewed columns such as distances and
 * durations are judged by how they move together, not by their outliers.
 */

/**
 * The ranks of values from 1 to n, tied values sharing the mean of the
 * ranks they span, so that [10, 20, 20, 30] ranks as [1, 2.5, 2.5, 4].
 */
export function ranks(values: readonly number[]): number[] {
  const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
  const out = new Array<number>(values.length);
  let start = 0;
  while (start < order.length) {
    let end = start + 1;
    while (end < order.length && values[order[end]] === values[order[start]]) {
      end += 1;
    }
    // Positions start..end-1 hold ranks start+1..end; their mean:
    const shared = (start + 1 + end) / 2;
    for (let k = start; k < end; k += 1) out[order[k]] = shared;
    start = end;
  }
  return out;
}

/**
 * Spearman's ρ of paired values: the Pearson correlation of their ranks,
 * which stays exact with ties.
 *
 * @returns null when there are fewer than two pairs or either side holds
 *   one value only: a constant moves with nothing, so ρ is not defined.
 * @throws RangeError when the two sides differ in length.
 */
export function spearman(
  x: readonly number[],
  y: readonly number[],
): number | null {
  if (x.length !== y.length) {
    throw new RangeError(
      `spearman: expected paired values, got ${x.length} and ${y.length}`,
    );
  }
  if (x.length < 2) return null;

  return pearson(ranks(x), ranks(y));
}

function pearson(x: readonly number[], y: readonly number[]): number | null {
  const n = x.length;
  const meanX = x.reduce((t, v) => t + v, 0) / n;
  const meanY = y.reduce((t, v) => t + v, 0) / n;
  let xy = 0;
  let xx = 0;
  let yy = 0;
  for (let i = 0; i < n; i += 1) {
    const dx = x[i] - meanX;
    const dy = y[i] - meanY;
    xy += dx * dy;
    xx += dx * dx;
    yy += dy * dy;
  }
  if (xx === 0 || yy === 0) return null;
  // Rounding can carry a perfect correlation a hair past ±1.
  return Math.max(-1, Math.min(1, xy / Math.sqrt(xx * yy)));
}
