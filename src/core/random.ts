import seedrandom from 'seedrandom';

/**
 * Every random draw comes from a stream keyed by the run's seed and by what
 * is being drawn (file, entity, day, column). A value therefore never depends
 * on how many values were drawn before it elsewhere, so a day, an entity or
 * a shard can be generated on its own and still give the same bytes.
 */
export type RandomStream = () => number;

/** Opens the stream for one key; the parts are joined unambiguously. */
export function keyedStream(
  seed: string,
  ...key: (string | number)[]
): RandomStream {
  const prng = seedrandom.alea(JSON.stringify([seed, ...key]));
  return () => prng();
}

/** A standard normal draw (Box-Muller). */
export function normal(random: RandomStream): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** An index drawn with the given cumulative weights (last = total). */
export function pickCumulative(
  cumulative: readonly number[],
  random: RandomStream,
): number {
  const target = random() * cumulative[cumulative.length - 1];
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid] > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * A permutation of 0..size-1 drawn from a stream: an affine map with a
 * multiplier coprime to size. Cheap, and enough to scatter identifiers.
 */
export function affinePermutation(
  size: number,
  random: RandomStream,
): (index: number) => number {
  let multiplier = 1 + Math.floor(random() * (size - 1));
  while (gcd(multiplier, size) !== 1) multiplier = (multiplier % size) + 1;
  const offset = Math.floor(random() * size);
  return (index) =>
    Number(
      (BigInt(multiplier) * BigInt(index) + BigInt(offset)) % BigInt(size),
    );
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}
