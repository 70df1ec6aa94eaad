import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../errors';
import { ExpressionError, parseExpression } from '../core/expr';
import { parseTemplate } from '../core/template';
import { configSchema, type Config } from './schema';

/** A validated config with where it came from. */
export interface LoadedConfig {
  config: Config;
  /** The name given on the command line, or the file's path. */
  source: string;
  /** sha256 of the config's bytes. */
  hash: string;
}

/** Folders holding bundled configs, fixtures and templates. */
export function projectRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (existsSync(path.join(dir, 'configs'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

/**
 * Every config in a folder, by name.
 * @throws ConfigError when one of them is invalid.
 */
export function bundledConfigs(
  dir = path.join(projectRoot(), 'configs'),
): LoadedConfig[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) =>
      parseConfig(readFileSync(path.join(dir, f), 'utf8'), f.slice(0, -5)),
    );
}

/** True for a config path, false for the name of a bundled config. */
export function isConfigPath(nameOrPath: string): boolean {
  return /[\\/]|\.json$/i.test(nameOrPath);
}

/**
 * Parses and validates a config's text.
 * @throws ConfigError naming the config and the dot-path of the first
 *   problems, and what was expected there.
 */
export function parseConfig(text: string, source: string): LoadedConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : String(cause);
    throw new ConfigError(`config ${source}: not valid JSON (${why})`, {
      cause,
    });
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      `config ${source}: ${describeIssues(parsed.error, raw)}`,
    );
  }
  checkReferences(parsed.data, source);
  const hash = createHash('sha256').update(text).digest('hex');
  return { config: parsed.data, source, hash };
}

function describeIssues(error: z.ZodError, raw: unknown): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${dotPath(issue.path, raw)}: ${issue.message}`)
    .join('; ');
}

/** Dot-path of an issue, with the name of any column or file on the way. */
function dotPath(parts: readonly PropertyKey[], raw: unknown): string {
  let node: unknown = raw;
  const out: string[] = [];
  for (const part of parts) {
    const key = String(part);
    const next =
      isRecord(node) || Array.isArray(node)
        ? (node as Record<string, unknown>)[key]
        : undefined;
    const label = isRecord(next) ? (next.name ?? next.role) : undefined;
    out.push(
      typeof part === 'number' && typeof label === 'string'
        ? `${key}(${label})`
        : key,
    );
    node = next;
  }
  return out.join('.') || '(root)';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Cross-references the schema cannot see: names, roles, expressions. */
function checkReferences(config: Config, source: string): void {
  const fail = (where: string, what: string) => {
    throw new ConfigError(`config ${source}: ${where}: ${what}`);
  };
  const roles = config.files.map((f) => f.role);
  roles.forEach((role, i) => {
    if (roles.indexOf(role) !== i)
      fail(`files.${i}.role`, `"${role}" is used twice`);
  });
  if (!roles.includes(config.primary)) {
    fail(
      'primary',
      `expected one of ${roles.join(', ')}, found "${config.primary}"`,
    );
  }
  config.files.forEach((file, i) => {
    const where = `files.${i}(${file.role})`;
    try {
      new RegExp(file.match);
    } catch {
      fail(`${where}.match`, 'expected a regular expression');
    }
    if (!(file.entity in config.entities)) {
      fail(
        `${where}.entity`,
        `expected one of ${Object.keys(config.entities).join(', ')}`,
      );
    }
    if (file.rows === 'per-entity-day' && !roles.includes(file.from ?? '')) {
      fail(`${where}.from`, `expected the role of the file it aggregates`);
    }
    if (file.rows === 'primary' && file.role !== config.primary) {
      fail(
        `${where}.rows`,
        `only the primary file "${config.primary}" has primary rows`,
      );
    }
    const names = file.columns.map((c) => c.name);
    names.forEach((name, j) => {
      if (names.indexOf(name) !== j)
        fail(`${where}.columns.${j}`, `"${name}" is declared twice`);
    });
    if (file.order && !names.includes(file.order.by)) {
      fail(
        `${where}.order.by`,
        `expected a column of the file, found "${file.order.by}"`,
      );
    }
    file.columns.forEach((column, j) => {
      checkGenerator(column, `${where}.columns.${j}(${column.name})`, fail);
      if (column.kind === 'carry' && !names.includes(column.from)) {
        fail(
          `${where}.columns.${j}(${column.name}).from`,
          `expected a column of the file, found "${column.from}"`,
        );
      }
    });
    checkCopula(file, where, fail);
    for (const [name, agg] of Object.entries(file.aggregates)) {
      checkExpression(agg.where, `${where}.aggregates.${name}.where`, fail);
    }
    file.relations.forEach((r, j) =>
      checkExpression(
        r.check,
        `${where}.relations.${j}(${r.name}).check`,
        fail,
      ),
    );
    file.markers.forEach((m, j) => {
      for (const [col, e] of Object.entries(m.values)) {
        checkExpression(e, `${where}.markers.${j}.values.${col}`, fail);
      }
    });
    checkTemplate(file.output, `${where}.output`, fail);
    file.trailer?.lines.forEach((line, j) =>
      checkTemplate(line, `${where}.trailer.lines.${j}`, fail),
    );
  });
  for (const [name, entity] of Object.entries(config.entities)) {
    entity.attributes.forEach((a, j) =>
      checkGenerator(a, `entities.${name}.attributes.${j}(${a.name})`, fail),
    );
  }
}

type Fail = (where: string, what: string) => never;

function checkGenerator(
  spec: Config['files'][number]['columns'][number],
  where: string,
  fail: Fail,
): void {
  if (spec.type === 'datetime' && !spec.format) {
    fail(`${where}.format`, 'expected a date-time layout for type "datetime"');
  }
  switch (spec.kind) {
    case 'choice':
      if (!spec.sample && !spec.values) {
        fail(where, 'expected "sample" or "values"');
      }
      if (typeof spec.sample === 'string') {
        checkExpression(spec.sample, `${where}.sample`, fail);
      } else if (spec.sample) {
        for (const [k, e] of Object.entries(spec.sample)) {
          checkExpression(e, `${where}.sample.${k}`, fail);
        }
      }
      checkExpression(spec.where, `${where}.where`, fail);
      break;
    case 'number':
    case 'name':
    case 'time':
      checkExpression(spec.sample, `${where}.sample`, fail);
      if (spec.kind === 'number')
        checkExpression(spec.where, `${where}.where`, fail);
      break;
    case 'expr':
      checkExpression(spec.expr, `${where}.expr`, fail);
      break;
    case 'template':
      checkTemplate(spec.template, `${where}.template`, fail);
      break;
    case 'carry':
      checkExpression(spec.initial, `${where}.initial`, fail);
      break;
    case 'identifier':
      if (spec.digits[0] > spec.digits[1]) {
        fail(`${where}.digits`, 'expected [fewest, most] digits');
      }
      checkExpression(spec.avoid, `${where}.avoid`, fail);
      break;
  }
}

/**
 * A copula group pairs the values of one sample row, so its columns must
 * be `number` columns of the file that read the same sample, and each may
 * belong to one group only.
 */
function checkCopula(
  file: Config['files'][number],
  where: string,
  fail: Fail,
): void {
  const grouped = new Set<string>();
  file.copula.forEach((group, g) => {
    const first = file.columns.find((c) => c.name === group[0]);
    group.forEach((name, k) => {
      const at = `${where}.copula.${g}.${k}`;
      const column = file.columns.find((c) => c.name === name);
      if (!column) fail(at, `expected a column of the file, found "${name}"`);
      if (column.kind !== 'number') {
        fail(at, `"${name}" has kind "${column.kind}", expected "number"`);
      }
      if (grouped.has(name)) fail(at, `"${name}" is in a group already`);
      grouped.add(name);
      if (column.file !== first?.file) {
        fail(
          at,
          `"${name}" reads the sample of ${column.file ?? file.role}, the group's first column that of ${first?.file ?? file.role}; a group reads one sample`,
        );
      }
    });
  });
}

function checkExpression(
  source: string | undefined,
  where: string,
  fail: Fail,
) {
  if (source === undefined) return;
  try {
    parseExpression(source);
  } catch (error) {
    if (error instanceof ExpressionError)
      fail(where, `${error.message} in "${source}"`);
    throw error;
  }
}

function checkTemplate(source: string, where: string, fail: Fail) {
  try {
    parseTemplate(source);
  } catch (error) {
    if (error instanceof ExpressionError)
      fail(where, `${error.message} in "${source}"`);
    throw error;
  }
}
