import { extent } from './extent';
import type { GeneratorInput } from './plan';
import type { Row } from '../core/expr';
import {
  captureFor,
  escapeRegex,
  introduction,
  partName,
} from './embedded-parts';
import { nameRef, quote, type ColumnType } from './typed';

/**
 * The parts of an embedding column no other column explains. A time-like
 * number that follows a date-time column by a near-constant offset (an
 * epoch in a key) is written from that column; anything else is drawn
 * from the sample, all parts of one row together, through regular
 * expressions that pick each part out of the sample's text.
 */

/** One part of a template being built. */
export type Part =
  | { kind: 'literal'; text: string }
  | { kind: 'slot'; column: string; expr: string }
  | { kind: 'varies'; values: string[] }
  | { kind: 'hidden'; field: string; expr: string; sample: string }
  | { kind: 'offset'; column: string; expr: string };

/** Widest spread of an epoch's offset from its date-time, in ms. */
const OFFSET_SPREAD_MS = 1000;

/**
 * Turns every varying part into a written or sampled one, or gives up
 * (undefined) when a part cannot be picked out of every sample row.
 */
export function buildHidden(
  column: string,
  hiddenName: string,
  parts: Part[],
  types: ColumnType[],
  rows: Row[],
  texts: string[],
): { parts: Part[]; spec?: GeneratorInput } | undefined {
  const sample: Record<string, string> = {};
  const out: Part[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (part.kind !== 'varies') {
      out.push(part);
      continue;
    }
    const offset = offsetPart(part.values, types, rows);
    if (offset) {
      out.push(offset);
      continue;
    }
    const pattern = patternFor(parts, i, texts);
    if (!pattern) return undefined;
    const before = parts[i - 1];
    const count = Object.keys(sample).length;
    let field = partName(textBefore(parts, i), count);
    while (field in sample) field = `${field}_`;
    const group = pattern.group === 1 ? '' : `, ${pattern.group}`;
    sample[field] =
      `regex(${nameRef(column)}, ${quote(pattern.regex)}${group})`;
    out.push({
      kind: 'hidden',
      field,
      expr: `${hiddenName}.${field}`,
      sample: sample[field],
    });
  }
  if (Object.keys(sample).length === 0) return { parts: out };
  const spec: GeneratorInput = {
    name: hiddenName,
    kind: 'choice',
    hidden: true,
    sample,
  };
  return { parts: out, spec };
}

/**
 * A written form for an epoch in milliseconds that stays within a second
 * of a date-time column of the row, shifted by a fixed offset.
 */
function offsetPart(
  values: string[],
  types: ColumnType[],
  rows: Row[],
): Part | undefined {
  if (!values.every((v) => /^\d{12,14}$/.test(v))) return undefined;
  for (const type of types) {
    if (type.type !== 'datetime') continue;
    const deltas = values.map((v, r) => {
      const t = rows[r][type.name];
      return typeof t === 'number' ? Number(v) - Math.round(t * 1000) : NaN;
    });
    if (deltas.some((d) => !Number.isFinite(d))) continue;
    const [low, high] = extent(deltas);
    const spread = high - low;
    if (spread > OFFSET_SPREAD_MS) continue;
    const ref = nameRef(type.name);
    const jitter = spread > 0 ? ` + rand_int(0, ${spread})` : '';
    const shift = low !== 0 ? ` + ${low}` : '';
    return {
      kind: 'offset',
      column: type.name,
      expr: `epoch_ms(${ref})${shift}${jitter}`,
    };
  }
  return undefined;
}

/**
 * A regular expression whose group picks part `i` out of every text: the
 * text just before it and the part itself if that is enough, else the
 * whole text spelled out.
 */
function patternFor(
  parts: Part[],
  i: number,
  texts: string[],
): { regex: string; group: number } | undefined {
  const part = parts[i] as Extract<Part, { kind: 'varies' }>;
  const before = parts[i - 1];
  const after = parts[i + 1];
  const next = after?.kind === 'literal' ? after.text : '';
  const capture = captureFor(part.values, next);
  const tries: string[] = [];
  if (before?.kind === 'literal') {
    const intro = escapeRegex(introduction(before.text));
    tries.push(intro + capture);
    if (!after) tries.push(intro + capture + '$');
    tries.push(escapeRegex(before.text) + capture);
  }
  if (!before) tries.push('^' + capture);
  for (const regex of tries) {
    if (picks(regex, 1, texts, part.values)) return { regex, group: 1 };
  }
  const whole = wholePattern(parts, i);
  return picks(whole, 1, texts, part.values)
    ? { regex: whole, group: 1 }
    : undefined;
}

function picks(
  regex: string,
  group: number,
  texts: string[],
  values: string[],
): boolean {
  const re = new RegExp(regex);
  return texts.every((t, r) => re.exec(t)?.[group] === values[r]);
}

/** The whole text as a pattern, capturing part `i` only. */
function wholePattern(parts: Part[], i: number): string {
  const body = parts
    .map((p, k) => {
      if (p.kind === 'literal') return escapeRegex(p.text);
      return k === i ? '(.*?)' : '(?:.*?)';
    })
    .join('');
  return `^${body}$`;
}

/** The text before part `i`, other parts written as a placeholder. */
function textBefore(parts: Part[], i: number): string {
  return parts
    .slice(0, i)
    .map((p) => (p.kind === 'literal' ? p.text : '\u0000'))
    .join('');
}
