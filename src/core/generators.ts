import { ConfigError } from '../errors';
import type { GeneratorSpec } from '../config/schema';
import { Categorical, Empirical } from './distributions';
import {
  evaluate,
  parseExpression,
  referencedNames,
  toNumber,
  toText,
  type Context,
  type Row,
  type Value,
} from './expr';
import { affinePermutation, keyedStream, type RandomStream } from './random';
import { parseTemplate, renderTemplate, templateNames } from './template';

/** What a generator sees when it draws one value. */
export interface Draw {
  /** The row so far, with entity attributes, aggregates and `day`. */
  scope: Row;
  /** This column's stream for this entity and day. */
  random: RandomStream;
  /** The entity's previous row in this file, on any earlier day. */
  previous: Row | null;
  /** Rows this entity has in this file today, and which this one is. */
  rowsToday: number;
  rowIndex: number;
  /** Per column state that lives for one entity-day. */
  state: Map<string, number>;
  /** Start of the mock day, in seconds. */
  day: number;
  /**
   * The uniform this row's copula group drew for this column, when it is
   * in one; the column then takes it instead of drawing its own.
   */
  joint?: number;
}

export interface CompiledGenerator {
  spec: GeneratorSpec;
  /** Names of the same row this one reads. */
  needs: Set<string>;
  draw(d: Draw): Value;
}

/** Where a generator's `sample` expressions find their rows. */
export type SampleRows = (role: string | undefined) => Row[];

const noRandom: Context = { random: () => 0.5 };

/**
 * Turns a spec into a drawing function, learning what it needs from the
 * sample once.
 * @throws ConfigError when the sample gives nothing to learn from.
 */
export function compileGenerator(
  spec: GeneratorSpec,
  where: string,
  sampleRows: SampleRows,
  seed: string,
): CompiledGenerator {
  const ctxOf = (d: Draw): Context => ({ random: d.random });
  const finish = (v: Value): Value =>
    spec.decimals !== undefined && typeof v === 'number'
      ? round(v, spec.decimals)
      : v;

  switch (spec.kind) {
    case 'choice': {
      const table = choiceTable(spec, where, sampleRows);
      return { spec, needs: new Set(), draw: (d) => table.draw(d.random) };
    }
    case 'number': {
      const values = sampleValues(
        spec.sample,
        spec.where,
        sampleRows(spec.file),
      )
        .map(toNumber)
        .filter(Number.isFinite);
      if (values.length === 0) {
        throw new ConfigError(
          `${where}.sample: no numeric sample values for "${spec.sample}"`,
        );
      }
      const dist = new Empirical(values);
      const decimals =
        spec.decimals ?? (values.every(Number.isInteger) ? 0 : undefined);
      return {
        spec,
        needs: new Set(),
        draw: (d) => {
          const v = dist.quantile(d.joint ?? d.random(), spec.smooth);
          return decimals === undefined ? v : round(v, decimals);
        },
      };
    }
    case 'time': {
      const [from, to] = spec.window.map(secondsOfClock);
      const values = sampleValues(spec.sample, undefined, sampleRows(spec.file))
        .map(toNumber)
        .filter(Number.isFinite)
        .map((t) => ((t % 86400) + 86400) % 86400)
        .filter((s) => s >= from && s <= to);
      if (values.length === 0) {
        throw new ConfigError(
          `${where}.sample: no times inside the window ${spec.window.join('-')}`,
        );
      }
      const profile = new Empirical(values);
      return {
        spec,
        needs: new Set(),
        draw: (d) => {
          // Sorted uniforms one at a time: the next order statistic of the
          // remaining draws, so times rise without holding them all.
          const previous = d.state.get(spec.name) ?? 0;
          const left = d.rowsToday - d.rowIndex;
          const u = 1 - (1 - previous) * Math.pow(d.random(), 1 / left);
          d.state.set(spec.name, u);
          return d.day + Math.floor(profile.quantile(u));
        },
      };
    }
    case 'expr': {
      const node = parseExpression(spec.expr);
      const taken = new Set<string>();
      const distinct = (v: Value): Value => {
        const text = toText(v);
        if (!spec.distinct || text === '') return v;
        let candidate = text;
        for (let n = 1; taken.has(candidate); n++) {
          candidate = text + String(n).padStart(2, '0');
        }
        taken.add(candidate);
        return candidate;
      };
      return {
        spec,
        needs: referencedNames(node),
        draw: (d) => distinct(finish(evaluate(node, d.scope, ctxOf(d)))),
      };
    }
    case 'template': {
      const t = parseTemplate(spec.template);
      return {
        spec,
        needs: templateNames(t),
        draw: (d) => renderTemplate(t, d.scope, ctxOf(d)),
      };
    }
    case 'carry': {
      const initial = parseExpression(spec.initial);
      return {
        spec,
        needs: referencedNames(initial),
        draw: (d) =>
          d.previous
            ? d.previous[spec.from]
            : finish(evaluate(initial, d.scope, ctxOf(d))),
      };
    }
    case 'entity': {
      const attribute = spec.attribute ?? spec.name;
      return {
        spec,
        needs: new Set(),
        draw: (d) => d.scope[attribute] ?? null,
      };
    }
    case 'sequence':
      // Numbered in written order by the file's writer.
      return { spec, needs: new Set(), draw: () => null };
    case 'identifier':
      return identifierGenerator(spec, sampleRows, seed, where);
    case 'name':
      return nameGenerator(spec, sampleRows);
  }
}

function round(v: number, places: number): number {
  const f = 10 ** places;
  return Math.round(v * f + Math.sign(v) * 1e-9) / f;
}

function secondsOfClock(clock: string): number {
  const [h, m, s] = clock.split(':').map(Number);
  return h * 3600 + m * 60 + s;
}

function sampleValues(
  source: string,
  where: string | undefined,
  rows: Row[],
): Value[] {
  const node = parseExpression(source);
  const filter = where ? parseExpression(where) : undefined;
  const out: Value[] = [];
  for (const row of rows) {
    if (filter && !evaluate(filter, row, noRandom)) continue;
    out.push(evaluate(node, row, noRandom));
  }
  return out;
}

function choiceTable(
  spec: Extract<GeneratorSpec, { kind: 'choice' }>,
  where: string,
  sampleRows: SampleRows,
): Categorical<Value> {
  if (spec.values) {
    const typed = Object.entries(spec.values).map(([v, w]): [Value, number] => [
      spec.type === 'number' ? Number(v) : v,
      w,
    ]);
    return new Categorical(typed);
  }
  const rows = sampleRows(spec.file);
  const filter = spec.where ? parseExpression(spec.where) : undefined;
  const sample = spec.sample!;
  const nodes =
    typeof sample === 'string'
      ? parseExpression(sample)
      : Object.entries(sample).map(
          ([k, e]) => [k, parseExpression(e)] as const,
        );
  const counts = new Map<string, [Value, number]>();
  for (const row of rows) {
    if (filter && !evaluate(filter, row, noRandom)) continue;
    let value: Value;
    if (Array.isArray(nodes)) {
      const joint: Row = {};
      for (const [k, node] of nodes) joint[k] = evaluate(node, row, noRandom);
      value = joint;
    } else {
      value = evaluate(nodes, row, noRandom);
    }
    const key = JSON.stringify(value);
    const entry = counts.get(key);
    if (entry) entry[1]++;
    else counts.set(key, [value, 1]);
  }
  if (counts.size === 0) {
    throw new ConfigError(`${where}.sample: no sample rows to choose from`);
  }
  return new Categorical(counts.values());
}

/**
 * Unique identifiers: each entity draws a digit count with the frequencies
 * of the sample's identifiers (evenly without one), then takes the next
 * value of a scattered permutation of that length, skipping sample values.
 */
function identifierGenerator(
  spec: Extract<GeneratorSpec, { kind: 'identifier' }>,
  sampleRows: SampleRows,
  seed: string,
  where: string,
): CompiledGenerator {
  const [fewest, most] = spec.digits;
  const avoidValues = spec.avoid
    ? sampleValues(spec.avoid, undefined, sampleRows(spec.file)).map(toText)
    : [];
  const avoid = new Set(avoidValues);
  const lengths = new Map<number, [number, number]>();
  for (const value of avoidValues) {
    const n = value.length - spec.prefix.length;
    if (n < fewest || n > most) continue;
    const entry = lengths.get(n);
    if (entry) entry[1]++;
    else lengths.set(n, [n, 1]);
  }
  if (lengths.size === 0) {
    for (let n = fewest; n <= most; n++) lengths.set(n, [n, 1]);
  }
  const lengthDist = new Categorical(lengths.values());
  const ranges = new Map<number, { next: () => string | undefined }>();
  const rangeOf = (n: number) => {
    let range = ranges.get(n);
    if (!range) {
      const low = n === 1 ? 0 : 10 ** (n - 1);
      const size = 10 ** n - low;
      const permute = affinePermutation(
        size,
        keyedStream(seed, 'identifier', where, n),
      );
      let cursor = 0;
      range = {
        next: () => {
          while (cursor < size) {
            const value = spec.prefix + String(low + permute(cursor++));
            if (!avoid.has(value)) return value;
          }
          return undefined;
        },
      };
      ranges.set(n, range);
    }
    return range;
  };
  return {
    spec,
    needs: new Set(),
    // Called once per entity, in entity order, when the pool is built.
    draw: (d) => {
      const first = lengthDist.draw(d.random);
      // A full length gives way to the longer ones, then the shorter.
      const order = [first];
      for (let n = first + 1; n <= most; n++) order.push(n);
      for (let n = first - 1; n >= fewest; n--) order.push(n);
      for (const n of order) {
        const value = rangeOf(n).next();
        if (value !== undefined) return value;
      }
      throw new ConfigError(
        `${where}.digits: ran out of ${fewest}- to ${most}-digit identifiers`,
      );
    },
  };
}

function nameGenerator(
  spec: Extract<GeneratorSpec, { kind: 'name' }>,
  sampleRows: SampleRows,
): CompiledGenerator {
  const exclude = spec.exclude ? new RegExp(spec.exclude) : undefined;
  const names = sampleValues(spec.sample, undefined, sampleRows(spec.file)).map(
    toText,
  );
  const real = names.filter((n) => n !== '' && !exclude?.test(n));
  const emptyShare =
    names.filter((n) => n === '').length / Math.max(1, names.length);
  const firsts = new Map<string, [string, number]>();
  const lasts = new Map<string, [string, number]>();
  for (const n of real) {
    const parts = n.trim().split(/\s+/);
    const last = parts.pop()!;
    const first = parts.join(' ') || last;
    tally(firsts, first);
    tally(lasts, last);
  }
  const firstDist = new Categorical(firsts.values());
  const lastDist = new Categorical(lasts.values());
  const taken = new Set(real);
  return {
    spec,
    needs: new Set(),
    draw: (d) => {
      if (d.random() < emptyShare) return '';
      let name = '';
      for (let attempt = 0; attempt < 64; attempt++) {
        name = `${firstDist.draw(d.random)} ${lastDist.draw(d.random)}`;
        if (!taken.has(name)) break;
      }
      taken.add(name);
      return name;
    },
  };
}

function tally(map: Map<string, [string, number]>, value: string) {
  const entry = map.get(value);
  if (entry) entry[1]++;
  else map.set(value, [value, 1]);
}
