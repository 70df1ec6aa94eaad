import {
  evaluate,
  parseExpression,
  toText,
  type Context,
  type Row,
} from '../core/expr';
import { nameRef, quote, type ColumnType } from './typed';

/**
 * Where the values of other columns of the same row appear inside one
 * column's text. A value counts as embedded only when it appears in every
 * row, between the same neighbouring characters each time: `va=840437&`
 * in every URL, not an id that happens to show up inside a coordinate.
 */

/** One way a column may be written inside another, and its texts. */
export interface Rendering {
  column: string;
  /** The expression that writes it, such as urlencode(driver_name). */
  expr: string;
  values: string[];
}

/** A rendering found in the container, with its span in every row. */
export interface Placement extends Rendering {
  spans: [number, number][];
}

/** Layouts a date-time is often rewritten in inside URLs and keys. */
const LAYOUTS = [
  'ddd MMM DD HH:mm:ss YYYY',
  'YYYY-MM-DD HH:mm:ss',
  'YYYY-MM-DDTHH:mm:ss',
  'YYYY-MM-DD',
  'YYYYMMDD',
  'MM/DD/YYYY HH:mm:ss',
  'MM/DD/YYYY',
  'HH:mm:ss',
];

const noRandom: Context = { random: () => 0 };

/**
 * Expressions that write a column as text, plain or URL-encoded with the
 * container's encoder (`encode`, a function of one argument's text).
 */
function expressionsFor(
  column: ColumnType,
  encode: (e: string) => string,
): string[] {
  const ref = nameRef(column.name);
  if (column.type === 'number') return [ref];
  if (column.type === 'text') return [ref, encode(ref)];
  const layouts = [column.format ?? '', ...LAYOUTS].filter(
    (l, i, all) => l !== '' && all.indexOf(l) === i,
  );
  return layouts.flatMap((l) => {
    const formatted = `format_time(${ref}, ${quote(l)})`;
    return [formatted, encode(formatted)];
  });
}

/**
 * How the container percent-encodes: encodeURIComponent leaves !'()*~
 * alone, but an encoder that writes one of them as %xx somewhere in the
 * sample is matched with urlencode's second argument.
 */
function encoderOf(texts: string[]): (e: string) => string {
  const also = [..."!'()*~"].filter((c) => {
    const code = '%' + c.charCodeAt(0).toString(16).toUpperCase();
    return texts.some((t) => t.toUpperCase().includes(code));
  });
  if (also.length === 0) return (e) => `urlencode(${e})`;
  return (e) => `urlencode(${e}, ${quote(also.join(''))})`;
}

/**
 * Every rendering of the other columns that could be embedded: one that
 * writes something in every row and not the same thing in all of them.
 */
export function renderingsOf(
  container: string,
  texts: string[],
  types: ColumnType[],
  rows: Row[],
): Rendering[] {
  const encode = encoderOf(texts);
  const out: Rendering[] = [];
  for (const column of types) {
    if (column.name === container) continue;
    for (const expr of expressionsFor(column, encode)) {
      const values = renderAll(expr, rows);
      if (!values || values.some((v) => v === '')) continue;
      if (values.every((v) => v === values[0])) continue;
      out.push({ column: column.name, expr, values });
    }
  }
  return out;
}

function renderAll(expr: string, rows: Row[]): string[] | undefined {
  const node = parseExpression(expr);
  try {
    return rows.map((row) => toText(evaluate(node, row, noRandom)));
  } catch {
    return undefined;
  }
}

/** The longest left context tried, in characters. */
const CONTEXT = 4;

/**
 * Places renderings in the container's texts, longest first so that a
 * URL inside a link is taken whole and its own parts are left to the URL
 * column. Each column is placed at most once.
 */
export function placeAll(
  texts: string[],
  renderings: Rendering[],
): Placement[] {
  const byLength = [...renderings].sort(
    (a, b) => meanLength(b) - meanLength(a),
  );
  const covered: [number, number][][] = texts.map(() => []);
  const placed: Placement[] = [];
  for (const r of byLength) {
    if (placed.some((p) => p.column === r.column)) continue;
    if (r.values.every((v, i) => v === texts[i])) continue;
    const spans = place(texts, r.values, covered);
    if (!spans) continue;
    spans.forEach((s, i) => covered[i].push(s));
    placed.push({ ...r, spans });
  }
  return placed;
}

function meanLength(r: Rendering): number {
  return r.values.reduce((n, v) => n + v.length, 0) / r.values.length;
}

/**
 * The spans where `values` sit in `texts` between the same neighbours in
 * every row, trying the widest left context first.
 */
function place(
  texts: string[],
  values: string[],
  covered: [number, number][][],
): [number, number][] | undefined {
  for (let width = CONTEXT; width >= 1; width--) {
    const spans = placeWithContext(texts, values, covered, width);
    if (spans) return spans;
  }
  return undefined;
}

function placeWithContext(
  texts: string[],
  values: string[],
  covered: [number, number][][],
  width: number,
): [number, number][] | undefined {
  const keyAt = (t: string, start: number, end: number) =>
    (start >= width ? t.slice(start - width, start) : '^' + t.slice(0, start)) +
    '\u0000' +
    (end < t.length ? t[end] : '$');
  const first = occurrences(texts[0], values[0], covered[0]);
  for (const start of first) {
    const key = keyAt(texts[0], start, start + values[0].length);
    const spans: [number, number][] = [];
    for (let i = 0; i < texts.length; i++) {
      const hit = occurrences(texts[i], values[i], covered[i]).find(
        (s) => keyAt(texts[i], s, s + values[i].length) === key,
      );
      if (hit === undefined) break;
      spans.push([hit, hit + values[i].length]);
    }
    if (spans.length === texts.length) return spans;
  }
  return undefined;
}

/** Start positions of `value` in `text` that overlap no covered span. */
function occurrences(
  text: string,
  value: string,
  covered: [number, number][],
): number[] {
  const out: number[] = [];
  for (
    let at = text.indexOf(value);
    at >= 0;
    at = text.indexOf(value, at + 1)
  ) {
    const end = at + value.length;
    if (!covered.some(([s, e]) => at < e && end > s)) out.push(at);
  }
  return out;
}
