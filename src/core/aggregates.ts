import type { AggregateSpec } from '../config/schema';
import {
  evaluate,
  parseExpression,
  toNumber,
  truthy,
  type Node,
  type Row,
  type Value,
} from './expr';

/**
 * Aggregates of one entity's rows of another file on one day, folded in as
 * those rows are generated so nothing but the running values is kept.
 */
export class Aggregator {
  private readonly specs: [string, AggregateSpec, Node | undefined][];

  constructor(specs: Record<string, AggregateSpec>) {
    this.specs = Object.entries(specs).map(([name, spec]) => [
      name,
      spec,
      spec.where ? parseExpression(spec.where) : undefined,
    ]);
  }

  /** Values before any row: counts and sums 0, the rest empty. */
  empty(): Row {
    const out: Row = {};
    for (const [name, spec] of this.specs) {
      out[name] = spec.fn === 'count' || spec.fn === 'sum' ? 0 : null;
    }
    return out;
  }

  /** Folds one source row into an entity's running values. */
  add(into: Row, row: Row): void {
    for (const [name, spec, where] of this.specs) {
      if (where && !truthy(evaluate(where, row, { random: () => 0 }))) {
        continue;
      }
      const v: Value = spec.of ? row[spec.of] : null;
      const current = into[name];
      switch (spec.fn) {
        case 'count':
          into[name] = toNumber(current) + 1;
          break;
        case 'sum':
          into[name] = toNumber(current) + toNumber(v);
          break;
        case 'max':
          if (current === null || toNumber(v) > toNumber(current))
            into[name] = v;
          break;
        case 'min':
          if (current === null || toNumber(v) < toNumber(current))
            into[name] = v;
          break;
        case 'argmax':
        case 'argmin': {
          const best = current as Row | null;
          const better =
            best === null ||
            (spec.fn === 'argmax'
              ? toNumber(v) > toNumber(best[spec.of!])
              : toNumber(v) < toNumber(best[spec.of!]));
          if (better) into[name] = row;
          break;
        }
      }
    }
  }
}
