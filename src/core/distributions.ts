import { pickCumulative, type RandomStream } from './random';

/**
 * Distributions learnt from a sample. Each is built once and drawn from
 * many times; drawing never allocates.
 */

/** Numbers drawn by inverting the sample's empirical distribution. */
export class Empirical {
  private readonly sorted: Float64Array;

  constructor(values: readonly number[]) {
    this.sorted = Float64Array.from(values).sort();
  }

  get size(): number {
    return this.sorted.length;
  }

  /**
   * The value at quantile u in [0, 1). Smooth interpolates linearly between
   * neighbouring sample values so the mock is not limited to them.
   */
  quantile(u: number, smooth = true): number {
    const s = this.sorted;
    if (s.length === 1) return s[0];
    if (!smooth) return s[Math.min(s.length - 1, Math.floor(u * s.length))];
    const x = u * (s.length - 1);
    const i = Math.floor(x);
    if (i >= s.length - 1) return s[s.length - 1];
    return s[i] + (s[i + 1] - s[i]) * (x - i);
  }

  mean(): number {
    let total = 0;
    for (const v of this.sorted) total += v;
    return total / this.sorted.length;
  }
}

/** Values drawn with their sample frequencies. */
export class Categorical<T> {
  private readonly values: T[] = [];
  private readonly cumulative: number[] = [];

  constructor(counts: Iterable<[T, number]>) {
    let total = 0;
    for (const [value, weight] of counts) {
      if (weight <= 0) continue;
      total += weight;
      this.values.push(value);
      this.cumulative.push(total);
    }
  }

  get size(): number {
    return this.values.length;
  }

  draw(random: RandomStream): T {
    return this.values[pickCumulative(this.cumulative, random)];
  }
}

/** Standard normal CDF (Abramowitz and Stegun 7.1.26, error below 1e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly =
    t *
    (0.254829592 +
      t *
        (-0.284496736 +
          t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/**
 * Splits `total` into whole shares proportional to `weights`, exactly: the
 * floors first, then one more to the largest remainders (ties to the lower
 * index). All-zero weights split evenly.
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  const n = weights.length;
  if (n === 0) return [];
  let sum = 0;
  for (const w of weights) sum += w;
  const effective = sum > 0 ? weights : weights.map(() => 1);
  const effectiveSum = sum > 0 ? sum : n;
  const shares = new Array<number>(n);
  const remainders: [number, number][] = [];
  let given = 0;
  for (let i = 0; i < n; i++) {
    const exact = (total * effective[i]) / effectiveSum;
    shares[i] = Math.floor(exact);
    given += shares[i];
    remainders.push([exact - shares[i], i]);
  }
  remainders.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; k < total - given; k++) shares[remainders[k][1]]++;
  return shares;
}
