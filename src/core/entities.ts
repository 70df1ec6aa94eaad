import type { Config } from '../config/schema';
import { ConfigError } from '../errors';
import type { Sample } from '../sample/read';
import { Empirical, normalCdf } from './distributions';
import type { Row } from './expr';
import { compileGenerator, type SampleRows } from './generators';
import { evaluationOrder } from './order';
import { keyedStream, normal } from './random';

/**
 * The entities that recur in a dataset (vehicles, drivers, units): how many
 * there are, what they keep for the whole range, and how busy each is on
 * each day.
 */
export interface EntityPool {
  name: string;
  attributes: Row[];
  /** Rows per entity per day in the primary sample, zeros included. */
  activity: Empirical;
  persistence: number;
}

/** Rows per entity in the primary sample, over every entity any file names. */
export function sampleActivity(
  config: Config,
  samples: Map<string, Sample>,
): Empirical {
  const primary = config.files.find((f) => f.role === config.primary)!;
  const keys = new Set<string>();
  for (const file of config.files) {
    if (file.entity !== primary.entity) continue;
    const sample = samples.get(file.role);
    for (const row of sample?.rows ?? []) {
      const key = row[file.entityKey];
      if (key !== null && key !== '') keys.add(String(key));
    }
  }
  const counts = new Map<string, number>([...keys].map((k) => [k, 0]));
  for (const row of samples.get(primary.role)!.rows) {
    const key = String(row[primary.entityKey] ?? '');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return new Empirical([...counts.values()]);
}

/**
 * How many entities a run needs so that the primary file has `dataSize`
 * rows over `days` days at the sample's rows per entity per day.
 */
export function entityCount(
  activity: Empirical,
  dataSize: number,
  days: number,
): number {
  return Math.max(1, Math.round(dataSize / (days * activity.mean())));
}

/**
 * Builds a pool: each entity's attributes drawn from streams keyed by the
 * entity's index, in index order (identifiers and names stay unique).
 * @throws ConfigError when an attribute cannot be learnt from the sample.
 */
export function buildPool(
  config: Config,
  name: string,
  count: number,
  activity: Empirical,
  sampleRows: SampleRows,
  seed: string,
): EntityPool {
  const spec = config.entities[name];
  const where = `entities.${name}.attributes`;
  const compiled = spec.attributes.map((a, i) =>
    compileGenerator(a, `${where}.${i}(${a.name})`, sampleRows, seed),
  );
  const order = evaluationOrder(compiled, `${where}`, ['day']);
  const attributes: Row[] = [];
  for (let i = 0; i < count; i++) {
    const scope: Row = {};
    for (const g of order) {
      scope[g.spec.name] = g.draw({
        scope,
        random: keyedStream(seed, 'entity', name, i, g.spec.name),
        previous: null,
        rowsToday: 1,
        rowIndex: 0,
        state: new Map(),
        day: 0,
      });
    }
    attributes.push(scope);
  }
  if (attributes.length === 0) throw new ConfigError(`${where}: no entities`);
  return { name, attributes, activity, persistence: spec.persistence };
}

/**
 * Each entity's weight for one day: a Gaussian copula mixes the entity's
 * lasting busyness with the day's own draw, then maps it through the
 * sample's rows-per-entity distribution.
 */
export function dayWeights(
  pool: EntityPool,
  seed: string,
  dayKey: string,
): number[] {
  const rho = pool.persistence;
  const mix = Math.sqrt(1 - rho * rho);
  return pool.attributes.map((_, i) => {
    const lasting = normal(keyedStream(seed, 'activity', pool.name, i));
    const today = normal(keyedStream(seed, 'activity', pool.name, i, dayKey));
    const u = normalCdf(rho * lasting + mix * today);
    return pool.activity.quantile(Math.min(u, 0.999999), false);
  });
}
