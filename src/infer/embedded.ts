import type { GeneratorInput } from './plan';
import { evaluate, parseExpression, truthy, type Row } from '../core/expr';
import { parseTemplate } from '../core/template';
import { introduction, leadIn, splitStretch } from './embedded-parts';
import { placeAll, renderingsOf, type Placement } from './embedded-match';
import { buildHidden, type Part } from './embedded-hidden';
import {
  guessTypes,
  nameRef,
  quote,
  typedRows,
  type ColumnType,
  type TableRows,
} from './typed';

/**
 * Columns that carry other columns of their own row: a URL whose query
 * holds the driver and the speed, a link wrapping that URL, a key built
 * from a login. Each becomes a `template` over the other columns, so the
 * mock's copies agree with the row as the sample's do, and what no column
 * explains (a heading, coordinates) is drawn jointly from the sample.
 */

/** A relation check, as the config's `relations` lists them. */
export interface RelationSpec {
  name: string;
  description: string;
  check: string;
}

/** One column found to embed others, with what rebuilds and checks it. */
export interface Embedding {
  column: string;
  /** The columns it carries, in the order they appear. */
  embeds: string[];
  /** The column's generator: a template over the row. */
  spec: GeneratorInput;
  /** The sampled parts no column explains, drawn together; if any. */
  hidden?: GeneratorInput;
  relation: RelationSpec;
}

export interface EmbeddedFindings {
  /** Generators replacing the embedding columns' own. */
  columns: GeneratorInput[];
  /** Hidden generators the templates read. */
  hidden: GeneratorInput[];
  relations: RelationSpec[];
  found: Embedding[];
}

/** Containers shorter than this on average are not searched. */
const MIN_LENGTH = 6;

/**
 * Finds the columns of a table that embed other columns of the same row.
 * Every template and check returned holds on every row of the table.
 * `types` says how columns read as values (numbers, date-times); without
 * it they are guessed.
 */
export function inferEmbedded(
  table: TableRows,
  types: ColumnType[] = guessTypes(table),
): EmbeddedFindings {
  const rows = typedRows(table, types);
  const found: Embedding[] = [];
  table.header.forEach((name, i) => {
    const type = types.find((t) => t.name === name);
    if (type && type.type !== 'text') return;
    const texts = table.records.map((r) => r[i]);
    const embedding = embeddingOf(name, texts, types, rows, table.header);
    if (embedding) found.push(embedding);
  });
  return {
    columns: found.map((e) => e.spec),
    hidden: found.flatMap((e) => (e.hidden ? [e.hidden] : [])),
    relations: found.map((e) => e.relation),
    found,
  };
}

function embeddingOf(
  column: string,
  texts: string[],
  types: ColumnType[],
  rows: Row[],
  header: string[],
): Embedding | undefined {
  if (!searchable(texts)) return undefined;
  const placed = placeAll(texts, renderingsOf(column, texts, types, rows));
  if (placed.length === 0) return undefined;
  const order = slotOrder(placed);
  if (!order) return undefined;
  const parts = partsOf(texts, order);
  const hiddenName = hiddenNameFor(column, header);
  const hidden = buildHidden(column, hiddenName, parts, types, rows, texts);
  if (!hidden) return undefined;
  const template = templateOf(hidden.parts);
  if (!template) return undefined;
  const relation = relationOf(column, hidden.parts);
  if (!rows.every((row) => holds(relation.check, row))) return undefined;
  return {
    column,
    embeds: order.map((p) => p.column),
    spec: {
      name: column,
      kind: 'template',
      template,
    },
    hidden: hidden.spec,
    relation,
  };
}

function searchable(texts: string[]): boolean {
  if (texts.some((t) => t === '')) return false;
  const mean = texts.reduce((n, t) => n + t.length, 0) / texts.length;
  return mean >= MIN_LENGTH && new Set(texts).size > 1;
}

/** The placements in the order they appear, if it is one in every row. */
function slotOrder(placed: Placement[]): Placement[] | undefined {
  const sorted = [...placed].sort((a, b) => a.spans[0][0] - b.spans[0][0]);
  const rows = sorted[0].spans.length;
  for (let r = 0; r < rows; r++) {
    for (let k = 1; k < sorted.length; k++) {
      if (sorted[k].spans[r][0] < sorted[k - 1].spans[r][1]) return undefined;
    }
  }
  return sorted;
}

/** Literal, embedded and varying parts, in the order they appear. */
function partsOf(texts: string[], order: Placement[]): Part[] {
  const parts: Part[] = [];
  const stretch = (k: number) =>
    texts.map((t, r) => {
      const start = k === 0 ? 0 : order[k - 1].spans[r][1];
      const end = k === order.length ? t.length : order[k].spans[r][0];
      return t.slice(start, end);
    });
  for (let k = 0; k <= order.length; k++) {
    for (const piece of splitStretch(stretch(k))) {
      parts.push(
        piece.kind === 'literal'
          ? { kind: 'literal', text: piece.text }
          : { kind: 'varies', values: piece.values },
      );
    }
    if (k < order.length) {
      parts.push({
        kind: 'slot',
        column: order[k].column,
        expr: order[k].expr,
      });
    }
  }
  return parts;
}

/** A name for the hidden parts that no column of the file has. */
function hiddenNameFor(column: string, header: string[]): string {
  const base = column.toUpperCase().replace(/[^A-Z0-9_]+/g, '_') + '_PARTS';
  let name = /^[A-Z_]/.test(base) ? base : `C_${base}`;
  while (header.includes(name)) name = `_${name}`;
  return name;
}

/** The config template, or undefined if its literal text reads as one. */
function templateOf(parts: Part[]): string | undefined {
  let out = '';
  for (const part of parts) {
    if (part.kind === 'literal') {
      if (part.text.includes('${')) return undefined;
      out += part.text;
    } else if (part.kind === 'varies') {
      return undefined;
    } else {
      out += '${' + part.expr + '}';
    }
  }
  parseTemplate(out);
  return out;
}

/**
 * The check a written row must pass: the whole text when every part is
 * written, else each embedded value between its neighbouring characters.
 */
function relationOf(column: string, parts: Part[]): RelationSpec {
  const ref = nameRef(column);
  const slots = parts.filter((p) => p.kind === 'slot');
  const names = slots.map((p) => (p.kind === 'slot' ? p.column : ''));
  const description = `${column} carries the row's ${names.join(', ')}`;
  if (parts.every((p) => p.kind === 'literal' || p.kind === 'slot')) {
    const whole = parts
      .map((p) => (p.kind === 'literal' ? quote(p.text) : p.expr))
      .join(' + ');
    return {
      name: `${column} wraps ${names.join(' and ')}`,
      description,
      check: `${ref} == ${whole}`,
    };
  }
  const checks = parts.flatMap((p, i) => {
    if (p.kind !== 'slot') return [];
    const before = parts[i - 1];
    const after = parts[i + 1];
    const pieces = [
      before?.kind === 'literal' ? quote(introduction(before.text)) : '',
      p.expr,
      after?.kind === 'literal' ? quote(leadIn(after.text)) : '',
    ].filter((s) => s !== '');
    return [`contains(${ref}, ${pieces.join(' + ')})`];
  });
  return {
    name: `${column} embeds the row`,
    description,
    check: checks.join(' && '),
  };
}

function holds(check: string, row: Row): boolean {
  try {
    return truthy(evaluate(parseExpression(check), row, { random: () => 0 }));
  } catch {
    return false;
  }
}
