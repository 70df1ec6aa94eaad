/**
 * A fixed-size uniform sample of a stream (reservoir sampling, algorithm R).
 *
 * The report must not change between two runs over the same files, so the
 * choices come from a small linear congruential generator with a fixed
 * seed, given to the constructor, and from nothing else: no entropy and no
 * clock, not even the job's seed. The sample depends only on the values
 * and their order. Its statistical quality is modest, which is enough for
 * picking histogram points.
 */
export class Reservoir<T> {
  private readonly items: T[] = [];
  private seen = 0;
  private state: number;

  /**
   * @param size most items kept; must be a positive integer.
   * @param seed start of the generator; the default suits every caller
   *   that only needs repeatable choices.
   * @throws RangeError when size is not a positive integer.
   */
  constructor(
    private readonly size: number,
    seed = 0x9e3779b9,
  ) {
    if (!Number.isInteger(size) || size < 1) {
      throw new RangeError(`reservoir size: expected a positive integer`);
    }
    this.state = seed >>> 0;
  }

  /** Offers one item; it replaces a kept one with probability size/seen. */
  add(item: T): void {
    this.seen += 1;
    if (this.items.length < this.size) {
      this.items.push(item);
      return;
    }

    const slot = Math.floor(this.next() * this.seen);
    if (slot < this.size) this.items[slot] = item;
  }

  /** The kept items, in slot order (not the order they arrived). */
  values(): readonly T[] {
    return this.items;
  }

  /** How many items were offered in all. */
  get offered(): number {
    return this.seen;
  }

  // Numerical Recipes constants; a uniform draw in [0, 1).
  private next(): number {
    this.state = (Math.imul(this.state, 1_664_525) + 1_013_904_223) >>> 0;
    return this.state / 4_294_967_296;
  }
}
