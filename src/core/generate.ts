import type { Config, FileSpec, GeneratorSpec } from '../config/schema';
import { ConfigError } from '../errors';
import { typedValue, type Sample } from '../sample/read';
import { Aggregator } from './aggregates';
import { formatDateTime } from './datetime';
import { apportion } from './distributions';
import {
  buildPool,
  dayWeights,
  entityCount,
  sampleActivity,
  type EntityPool,
} from './entities';
import {
  evaluate,
  parseExpression,
  toNumber,
  truthy,
  type Context,
  type Node,
  type Row,
} from './expr';
import { formatValue } from './format';
import { learnCopula, type GaussianCopula } from './copula';
import { compileGenerator, type CompiledGenerator } from './generators';
import { MinHeap } from './heap';
import { evaluationOrder } from './order';
import { keyedStream, type RandomStream } from './random';
import { parseTemplate, renderTemplate, type Template } from './template';

/** The joint uniforms of a row of a file without copula groups. */
const NO_JOINT: ReadonlyMap<string, number> = new Map();
/** What the core needs of a job: the seed, the days and the row count. */
export interface GenerationJob {
  seed: string;
  /** Start of each mock day, in seconds since the epoch. */
  days: number[];
  /** Rows of the primary file over all days. */
  dataSize: number;
}

/** One file of one mock day, to be written in full before the next. */
export interface FileDay {
  role: string;
  name: string;
  header: string[];
  newline: string;
  finalNewline: boolean;
  /** Rows in written order. */
  rows: Iterable<string[]>;
  /** Lines after the rows; call once the rows are consumed. */
  trailer(): string[];
}

/** How often a declared relation held on the rows written so far. */
export interface RelationTally {
  file: string;
  name: string;
  description: string;
  checked: number;
  held: number;
}

interface CompiledFile {
  spec: FileSpec;
  columns: CompiledGenerator[];
  written: GeneratorSpec[];
  output: Template;
  pool: EntityPool;
  previous: (Row | null)[];
  sequence: { name: string; next: number; every: number; count: number }[];
  aggregator?: Aggregator;
  /** Running aggregates per entity for the current day. */
  running: Row[];
  dependents: CompiledFile[];
  relations: { node: Node; tally: RelationTally }[];
  copulas: GaussianCopula[];
  markers: { width: number; values: [string, Node][] }[];
  trailer?: { lines: Template[]; finalNewline: boolean; separator: string };
}

/**
 * The generator core: from a config, its samples and a job, the rows of
 * every file of every day. It reads no files and no clock; every draw comes
 * from a stream keyed by seed, file, entity, day and column.
 */
export class MockGenerator {
  private readonly files: CompiledFile[];
  private readonly pools = new Map<string, EntityPool>();

  constructor(
    private readonly config: Config,
    samples: Map<string, Sample>,
    private readonly job: GenerationJob,
  ) {
    const sampleRows = (role: string | undefined, owner: string) => {
      const sample = samples.get(role ?? owner);
      if (!sample) {
        throw new ConfigError(`"file": no sample with role "${role}"`);
      }
      return sample.rows;
    };
    const primary = config.files.find((f) => f.role === config.primary)!;
    const activity = sampleActivity(config, samples);
    const count = entityCount(activity, job.dataSize, job.days.length);
    for (const name of Object.keys(config.entities)) {
      // Entities no primary row names still scale with the run.
      const n = count;
      const owner =
        config.files.find((f) => f.entity === name)?.role ?? primary.role;
      this.pools.set(
        name,
        buildPool(
          config,
          name,
          n,
          activity,
          (r) => sampleRows(r, owner),
          job.seed,
        ),
      );
    }
    this.files = generationOrder(config).map((spec) =>
      this.compileFile(spec, samples, (r) => sampleRows(r, spec.role)),
    );
    for (const file of this.files) {
      if (file.spec.from) {
        this.files
          .find((f) => f.spec.role === file.spec.from)!
          .dependents.push(file);
      }
    }
  }

  /** Entities of each kind in this run. */
  entityCounts(): Record<string, number> {
    return Object.fromEntries(
      [...this.pools].map(([name, pool]) => [name, pool.attributes.length]),
    );
  }

  /** The relations checked so far, per file. */
  relationTallies(): RelationTally[] {
    return this.files.flatMap((f) => f.relations.map((r) => r.tally));
  }

  /** Rows of the primary file on each day; they add up to the data size. */
  rowsPerDay(): number[] {
    const n = this.job.days.length;
    const base = Math.floor(this.job.dataSize / n);
    const extra = this.job.dataSize % n;
    return this.job.days.map((_, d) => base + (d < extra ? 1 : 0));
  }

  /**
   * The files of one day, in an order where every aggregated file comes
   * after its source. Days must be generated in order: entities carry
   * their last row from one day into the next.
   */
  *day(index: number): Generator<FileDay> {
    const day = this.job.days[index];
    const dayKey = formatDateTime(day, 'YYYY-MM-DD');
    const target = this.rowsPerDay()[index];
    for (const file of this.files) {
      const scope: Row = { day };
      const random = keyedStream(this.job.seed, file.spec.role, dayKey, 'name');
      const name = renderTemplate(file.output, scope, { random });
      for (const dep of file.dependents) {
        dep.running = file.pool.attributes.map(() => dep.aggregator!.empty());
      }
      const rows =
        file.spec.rows === 'primary'
          ? this.primaryRows(file, day, dayKey, target)
          : this.aggregateRows(file, day, dayKey);
      yield {
        role: file.spec.role,
        name,
        header: file.written.map((c) => c.name),
        newline: file.spec.newline ?? '\n',
        finalNewline: file.spec.trailer
          ? file.spec.trailer.finalNewline
          : file.spec.finalNewline,
        rows,
        trailer: () => this.trailer(file, day, dayKey),
      };
    }
  }

  private compileFile(
    spec: FileSpec,
    samples: Map<string, Sample>,
    sampleRows: (role: string | undefined) => Row[],
  ): CompiledFile {
    const where = `files.${spec.role}.columns`;
    const pool = this.pools.get(spec.entity)!;
    const columns = spec.columns.map((c) =>
      compileGenerator(c, `${where}.${c.name}`, sampleRows, this.job.seed),
    );
    const outside = [
      'day',
      ...Object.keys(pool.attributes[0]),
      ...Object.keys(spec.aggregates),
    ];
    const sequenceNames = new Set(
      spec.columns.filter((c) => c.kind === 'sequence').map((c) => c.name),
    );
    for (const c of columns) {
      for (const need of c.needs) {
        if (sequenceNames.has(need)) {
          throw new ConfigError(
            `${where}.${c.spec.name}: reads "${need}", a sequence numbered only when written`,
          );
        }
      }
    }
    const sample = samples.get(spec.role);
    return {
      spec,
      columns: evaluationOrder(columns, where, outside),
      written: spec.columns.filter((c) => !c.hidden),
      output: parseTemplate(spec.output),
      pool,
      previous: pool.attributes.map(() => null),
      sequence: spec.columns.flatMap((c) =>
        c.kind === 'sequence'
          ? [
              {
                name: c.name,
                next:
                  c.start === 'sample'
                    ? toNumber(sample?.rows[0]?.[c.name] ?? 1)
                    : c.start,
                every: c.every,
                count: 0,
              },
            ]
          : [],
      ),
      aggregator:
        spec.rows === 'per-entity-day'
          ? new Aggregator(spec.aggregates)
          : undefined,
      running: [],
      dependents: [],
      relations: spec.relations.map((r) => ({
        node: parseExpression(r.check),
        tally: {
          file: spec.role,
          name: r.name,
          description: r.description,
          checked: 0,
          held: 0,
        },
      })),
      copulas: spec.copula.map((group) => {
        const specs = group.map((name) =>
          spec.columns.find(
            (c): c is Extract<GeneratorSpec, { kind: 'number' }> =>
              c.name === name && c.kind === 'number',
          )!,
        );
        return learnCopula(specs, sampleRows(specs[0].file));
      }),
      markers: spec.markers.map((m) => ({
        width: m.width,
        values: Object.entries(m.values).map(
          ([k, e]) => [k, parseExpression(e)] as [string, Node],
        ),
      })),
      trailer: spec.trailer && {
        separator: spec.trailer.separator,
        lines: spec.trailer.lines.map(parseTemplate),
        finalNewline: spec.trailer.finalNewline,
      },
    };
  }

  private *primaryRows(
    file: CompiledFile,
    day: number,
    dayKey: string,
    target: number,
  ): Generator<string[]> {
    const weights = dayWeights(file.pool, this.job.seed, dayKey);
    const counts = apportion(target, weights);
    const order = file.spec.order;
    if (!order) {
      for (let e = 0; e < counts.length; e++) {
        for (const row of this.entityRows(
          file,
          e,
          day,
          dayKey,
          counts[e],
          {},
        )) {
          yield this.emit(file, e, row, {});
        }
      }
      return;
    }
    // Each entity's rows rise on the order column, so a heap over the
    // entities' next rows writes the day in order without holding it.
    const sign = order.descending ? -1 : 1;
    const streams = counts.map((k, e) =>
      this.entityRows(file, e, day, dayKey, k, {})[Symbol.iterator](),
    );
    const heap = new MinHeap<{ e: number; row: Row; key: number }>(
      (a, b) => a.key - b.key || a.e - b.e,
    );
    const pull = (e: number, last?: number) => {
      const next = streams[e].next();
      if (next.done) return;
      const key = sign * toNumber(next.value[order.by]);
      if (last !== undefined && key < last) {
        throw new ConfigError(
          `files.${file.spec.role}.order.by: "${order.by}" must not ${order.descending ? 'rise' : 'fall'} within an entity's day`,
        );
      }
      heap.push({ e, row: next.value, key });
    };
    streams.forEach((_, e) => pull(e));
    while (heap.size > 0) {
      const top = heap.pop()!;
      yield this.emit(file, top.e, top.row, {});
      pull(top.e, top.key);
    }
  }

  private *aggregateRows(
    file: CompiledFile,
    day: number,
    dayKey: string,
  ): Generator<string[]> {
    const made: { e: number; row: Row }[] = [];
    file.pool.attributes.forEach((_, e) => {
      const aggregates = file.running[e] ?? file.aggregator!.empty();
      for (const row of this.entityRows(file, e, day, dayKey, 1, aggregates)) {
        made.push({ e, row });
      }
    });
    const order = file.spec.order;
    if (order) {
      const sign = order.descending ? -1 : 1;
      made.sort(
        (a, b) =>
          sign * (toNumber(a.row[order.by]) - toNumber(b.row[order.by])) ||
          a.e - b.e,
      );
    }
    const middle = Math.ceil(made.length / 2);
    for (let i = 0; i < made.length; i++) {
      if (i === middle)
        yield* this.markerRows(
          file,
          made.map((m) => m.row),
        );
      yield this.emit(
        file,
        made[i].e,
        made[i].row,
        file.running[made[i].e] ?? {},
      );
    }
    if (made.length === middle)
      yield* this.markerRows(
        file,
        made.map((m) => m.row),
      );
  }

  private *markerRows(file: CompiledFile, rows: Row[]): Generator<string[]> {
    const ctx: Context = {
      random: () => 0,
      extra: { median: (column) => median(rows, String(column)) },
    };
    for (const marker of file.markers) {
      const values = new Map(marker.values);
      yield file.written.slice(0, marker.width).map((column) => {
        const node = values.get(column.name);
        return node ? formatValue(evaluate(node, {}, ctx), column) : '';
      });
    }
  }

  /** One entity's rows of one file on one day, typed, hidden included. */
  private *entityRows(
    file: CompiledFile,
    e: number,
    day: number,
    dayKey: string,
    count: number,
    aggregates: Row,
  ): Iterable<Row> {
    const streams = new Map<string, RandomStream>();
    const streamOf = (column: string) => {
      let s = streams.get(column);
      if (!s) {
        s = keyedStream(this.job.seed, file.spec.role, e, dayKey, column);
        streams.set(column, s);
      }
      return s;
    };
    const state = new Map<string, number>();
    const attributes = file.pool.attributes[e];
    for (let j = 0; j < count; j++) {
      const scope: Row = { ...attributes, ...aggregates, day };
      const joint = this.jointUniforms(file, e, dayKey, j);
      for (const column of file.columns) {
        scope[column.spec.name] = column.draw({
          scope,
          random: streamOf(column.spec.name),
          previous: file.previous[e],
          rowsToday: count,
          rowIndex: j,
          state,
          day,
          joint: joint.get(column.spec.name),
        });
      }
      file.previous[e] = scope;
      for (const dep of file.dependents) {
        dep.aggregator!.add(dep.running[e], scope);
      }
      yield scope;
    }
  }

  /**
   * The uniforms of one row's copula groups, by column. Each group's
   * stream is keyed by its first column and the row itself, so a row's
   * values do not depend on which rows or entities were drawn before it.
   */
  private jointUniforms(
    file: CompiledFile,
    e: number,
    dayKey: string,
    j: number,
  ): ReadonlyMap<string, number> {
    if (file.copulas.length === 0) return NO_JOINT;
    const joint = new Map<string, number>();
    for (const copula of file.copulas) {
      const random = keyedStream(
        this.job.seed,
        file.spec.role,
        'copula',
        copula.columns[0],
        e,
        dayKey,
        j,
      );
      const uniforms = copula.draw(random);
      copula.columns.forEach((name, i) => joint.set(name, uniforms[i]));
    }
    return joint;
  }

  /** Formats a row, numbers its sequences and checks its relations. */
  private emit(
    file: CompiledFile,
    _e: number,
    row: Row,
    aggregates: Row,
  ): string[] {
    for (const seq of file.sequence) {
      row[seq.name] = seq.next + Math.floor(seq.count / seq.every);
      seq.count++;
    }
    const fields = file.written.map((c) => formatValue(row[c.name], c));
    if (file.relations.length) {
      const written: Row = { ...aggregates, day: row.day };
      file.written.forEach((c, i) => {
        written[c.name] = typedValue(fields[i], c);
      });
      const ctx: Context = { random: () => 0 };
      for (const r of file.relations) {
        r.tally.checked++;
        try {
          if (truthy(evaluate(r.node, written, ctx))) r.tally.held++;
        } catch {
          // A relation that cannot be evaluated on a row did not hold.
        }
      }
    }
    return fields;
  }

  private trailer(file: CompiledFile, day: number, dayKey: string): string[] {
    if (!file.trailer) return [];
    const ctx: Context = {
      random: keyedStream(this.job.seed, file.spec.role, dayKey, 'trailer'),
    };
    return [
      file.trailer.separator,
      ...file.trailer.lines.map((t) => renderTemplate(t, { day }, ctx)),
    ];
  }
}

/** Files ordered so every aggregated file follows its source. */
function generationOrder(config: Config): FileSpec[] {
  const out: FileSpec[] = [];
  const add = (f: FileSpec) => {
    if (out.includes(f)) return;
    if (f.from) add(config.files.find((s) => s.role === f.from)!);
    out.push(f);
  };
  config.files.forEach(add);
  return out;
}

function median(rows: Row[], column: string): number | null {
  const values = rows
    .map((r) => toNumber(r[column]))
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  if (values.length === 0) return null;
  const mid = Math.floor(values.length / 2);
  return values.length % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}
