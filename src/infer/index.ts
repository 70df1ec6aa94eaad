import { parseConfig } from '../config/load';
import type { Config } from '../config/schema';
import { findEntity, entityName, type EntityGuess } from './entities';
import { emitConfig } from './emit';
import { planPerEntityDay, planPrimary } from './file-plan';
import { headOf, startPlan } from './analyse';
import { nameFiles } from './names';
import type { DatasetPlan, EntityPlan, FilePlan, InferenceStep } from './plan';
import { readTable, type SampleText } from './table';
import { dataDay } from './time';
import { applyCoOccurrence } from './co-occurrence';
import { applyCrossFile } from './refine-cross';
import { applyEmbedded } from './refine-embedded';
import { SampleError } from '../errors';

export type { SampleText } from './table';
export type { DatasetPlan, FilePlan, InferenceStep } from './plan';

/**
 * Steps that refine a plan after each file has its own generators, such
 * as relations across files; run in this order.
 */
export const REFINEMENTS: InferenceStep[] = [
  applyEmbedded,
  applyCrossFile,
  applyCoOccurrence,
];

/**
 * Works out a config from samples alone: what each column holds, which
 * column names the entity and which follow it, which columns continue,
 * sum or follow others, and how the files are named.
 * @throws SampleError when a sample has no header or no rows, or two
 *   samples would take the same name pattern.
 */
export function inferPlan(samples: SampleText[]): DatasetPlan {
  if (samples.length === 0) {
    throw new SampleError('--files: expected one or more sample CSV files');
  }
  const files = samples.map((s) => startPlan(readTable(s)));
  const namings = nameFiles(
    files.map((f, i) => ({
      name: f.table.name,
      dataDay: dataDay(f.columns),
      role: samples[i].role,
    })),
  );
  files.forEach((f, i) => Object.assign(f, namings[i]));
  checkPatterns(files.filter((_, i) => !samples[i].role));
  const primary = files.reduce((a, b) =>
    b.table.records.length > a.table.records.length ? b : a,
  );
  refuseShortRows(primary);
  const plan: DatasetPlan = {
    name: primary.role.replace(/_/g, '-'),
    primary: primary.role,
    entities: new Map(),
    files: [primary, ...files.filter((f) => f !== primary)],
  };
  const shared = new Set(
    files
      .filter((f) => f !== primary)
      .flatMap((f) => f.table.header)
      .filter((h) => primary.table.header.includes(h)),
  );
  const guess = findEntity(headOf(primary.columns), shared);
  const entity = addEntity(plan, primary, guess);
  planPrimary(primary, entity, guess);
  for (const file of plan.files.slice(1)) {
    file.rows = 'per-entity-day';
    file.from = primary.role;
    if (file.table.header.includes(primary.entityKey)) {
      file.entity = entity.name;
      file.entityKey = primary.entityKey;
      planPerEntityDay(file, entity, undefined);
      continue;
    }
    const own = findEntity(headOf(file.columns));
    planPerEntityDay(file, addEntity(plan, file, own), own);
  }
  for (const step of REFINEMENTS) step(plan);
  return plan;
}

/** The config inferred from samples, as JSON text. */
export function inferConfigText(samples: SampleText[], name?: string): string {
  const config = emitConfig(inferPlan(samples));
  if (name) config.name = name;
  return JSON.stringify(config, null, 2) + '\n';
}

/**
 * The config inferred from samples, validated as any config is.
 * @throws SampleError for unreadable samples; ConfigError if the inferred
 *   config does not validate, which would be a fault of inference.
 */
export function inferConfig(samples: SampleText[]): Config {
  return parseConfig(inferConfigText(samples), 'inferred').config;
}

function addEntity(
  plan: DatasetPlan,
  file: FilePlan,
  guess: EntityGuess | undefined,
): EntityPlan {
  const key = guess?.key ?? file.table.header[0];
  let name = entityName(key);
  for (let n = 2; plan.entities.has(name); n++)
    name = `${entityName(key)}_${n}`;
  const entity: EntityPlan = { name, attributes: [] };
  plan.entities.set(name, entity);
  file.entity = name;
  file.entityKey = key;
  return entity;
}

/**
 * Short rows are written back as markers in files with a row per entity
 * per day only; in the primary file one would be passed over when read
 * and never written, so it is refused as the reader refuses it.
 * @throws SampleError naming the line of the first short row.
 */
function refuseShortRows(file: FilePlan): void {
  const [short] = file.table.shortRows;
  if (!short) return;
  throw new SampleError(
    `${file.table.name}: line ${short.line} has ${short.fields.length} fields, expected ${file.table.header.length} as in the header`,
  );
}

function checkPatterns(files: FilePlan[]): void {
  files.forEach((f, i) => {
    const other = files.find(
      (g, j) => j !== i && new RegExp(f.match).test(g.table.name),
    );
    if (other) {
      throw new SampleError(
        `${other.table.name}: has the same name pattern as ${f.table.name}, expected one sample per kind of file`,
      );
    }
  });
}
