/**
 * A small expression language for configs: arithmetic, comparisons, logic,
 * member access, string concatenation with `+` and calls to a fixed set of
 * functions. It is parsed once into a tree and evaluated without `eval`.
 *
 * Column names that are not plain identifiers are quoted with backticks:
 * `observations_interstate/freeway` - 1.
 */

import { formatDateTime, parseDateTime } from './datetime';

export type Value = number | string | boolean | null | Row | Value[];
export interface Row {
  [name: string]: Value;
}

export type Node =
  | { type: 'literal'; value: Value }
  | { type: 'name'; name: string }
  | { type: 'member'; object: Node; property: string }
  | { type: 'unary'; op: '-' | '!'; operand: Node }
  | { type: 'binary'; op: string; left: Node; right: Node }
  | { type: 'call'; callee: string; args: Node[] };

/** Thrown for a malformed expression; the caller adds where it came from. */
export class ExpressionError extends Error {
  override name = 'ExpressionError';
}

interface Token {
  kind: 'num' | 'str' | 'name' | 'op' | 'end';
  text: string;
  pos: number;
}

const OPERATORS = [
  '==',
  '!=',
  '<=',
  '>=',
  '&&',
  '||',
  '+',
  '-',
  '*',
  '/',
  '%',
  '<',
  '>',
  '!',
  '(',
  ')',
  ',',
  '.',
];

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?/.exec(source.slice(i));
      tokens.push({ kind: 'num', text: m![0], pos: start });
      i += m![0].length;
    } else if (c === "'" || c === '"') {
      let text = '';
      i++;
      while (i < source.length && source[i] !== c) {
        // A backslash escapes only a quote or itself, so regular
        // expressions keep theirs: '\\d+' is \d+.
        const next = source[i + 1];
        if (source[i] === '\\' && (next === c || next === '\\')) i++;
        text += source[i++];
      }
      if (i >= source.length) {
        throw new ExpressionError(`unterminated string at ${start}`);
      }
      i++;
      tokens.push({ kind: 'str', text, pos: start });
    } else if (c === '`') {
      const end = source.indexOf('`', i + 1);
      if (end < 0) throw new ExpressionError(`unterminated name at ${start}`);
      tokens.push({ kind: 'name', text: source.slice(i + 1, end), pos: start });
      i = end + 1;
    } else if (/[A-Za-z_$]/.test(c)) {
      const m = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(source.slice(i));
      tokens.push({ kind: 'name', text: m![0], pos: start });
      i += m![0].length;
    } else {
      const op = OPERATORS.find((o) => source.startsWith(o, i));
      if (!op) throw new ExpressionError(`unexpected "${c}" at ${start}`);
      tokens.push({ kind: 'op', text: op, pos: start });
      i += op.length;
    }
  }
  tokens.push({ kind: 'end', text: '', pos: source.length });
  return tokens;
}

const PRECEDENCE: Record<string, number> = {
  '||': 1,
  '&&': 2,
  '==': 3,
  '!=': 3,
  '<': 4,
  '<=': 4,
  '>': 4,
  '>=': 4,
  '+': 5,
  '-': 5,
  '*': 6,
  '/': 6,
  '%': 6,
};

/**
 * Parses an expression into a tree.
 * @throws ExpressionError naming the position of the first problem.
 */
export function parseExpression(source: string): Node {
  const tokens = tokenize(source);
  let at = 0;
  const peek = () => tokens[at];
  const expect = (text: string) => {
    const t = tokens[at++];
    if (t.text !== text || t.kind === 'str') {
      throw new ExpressionError(`expected "${text}" at ${t.pos}`);
    }
  };

  function primary(): Node {
    const t = tokens[at++];
    if (t.kind === 'num') return { type: 'literal', value: Number(t.text) };
    if (t.kind === 'str') return { type: 'literal', value: t.text };
    if (t.kind === 'op' && t.text === '(') {
      const inner = binary(0);
      expect(')');
      return inner;
    }
    if (t.kind === 'op' && (t.text === '-' || t.text === '!')) {
      return { type: 'unary', op: t.text, operand: postfix(primary()) };
    }
    if (t.kind === 'name') {
      if (t.text === 'true' || t.text === 'false') {
        return { type: 'literal', value: t.text === 'true' };
      }
      if (t.text === 'null') return { type: 'literal', value: null };
      if (peek().text === '(' && peek().kind === 'op') {
        at++;
        const args: Node[] = [];
        if (peek().text !== ')') {
          args.push(binary(0));
          while (peek().text === ',') {
            at++;
            args.push(binary(0));
          }
        }
        expect(')');
        if (!(t.text in FUNCTIONS) && !SCOPED_FUNCTIONS.has(t.text)) {
          throw new ExpressionError(`unknown function "${t.text}"`);
        }
        return { type: 'call', callee: t.text, args };
      }
      return { type: 'name', name: t.text };
    }
    const what = t.kind === 'end' ? 'end of expression' : `"${t.text}"`;
    throw new ExpressionError(`unexpected ${what} at ${t.pos}`);
  }

  function postfix(node: Node): Node {
    while (peek().kind === 'op' && peek().text === '.') {
      at++;
      const t = tokens[at++];
      if (t.kind !== 'name') {
        throw new ExpressionError(`expected a name after "." at ${t.pos}`);
      }
      node = { type: 'member', object: node, property: t.text };
    }
    return node;
  }

  function binary(minPrecedence: number): Node {
    let left = postfix(primary());
    for (;;) {
      const t = peek();
      const p = t.kind === 'op' ? PRECEDENCE[t.text] : undefined;
      if (p === undefined || p < minPrecedence) {
        return left;
      }
      at++;
      const right = binary(p + 1);
      left = { type: 'binary', op: t.text, left, right };
    }
  }

  const tree = binary(0);
  if (peek().kind !== 'end') {
    throw new ExpressionError(`unexpected "${peek().text}" at ${peek().pos}`);
  }
  return tree;
}

/** Names an expression reads from its row, not counting members. */
export function referencedNames(node: Node, into = new Set<string>()) {
  switch (node.type) {
    case 'name':
      into.add(node.name);
      break;
    case 'member':
      referencedNames(node.object, into);
      break;
    case 'unary':
      referencedNames(node.operand, into);
      break;
    case 'binary':
      referencedNames(node.left, into);
      referencedNames(node.right, into);
      break;
    case 'call':
      node.args.forEach((a) => referencedNames(a, into));
      break;
  }
  return into;
}

/** What an expression may use besides its row: randomness and helpers. */
export interface Context {
  /** A uniform draw in [0, 1) from the caller's keyed random source. */
  random(): number;
  /** Functions a caller adds for its own scope, such as median(). */
  extra?: Record<string, (...args: Value[]) => Value>;
}

type Fn = (ctx: Context, args: Value[]) => Value;

/** Evaluates a parsed expression against a row. */
export function evaluate(node: Node, row: Row, ctx: Context): Value {
  switch (node.type) {
    case 'literal':
      return node.value;
    case 'name': {
      if (!(node.name in row)) {
        throw new ExpressionError(`unknown name "${node.name}"`);
      }
      return row[node.name];
    }
    case 'member': {
      const object = evaluate(node.object, row, ctx);
      if (object === null || typeof object !== 'object') return null;
      const value = (object as Row)[node.property];
      return value === undefined ? null : value;
    }
    case 'unary': {
      const v = evaluate(node.operand, row, ctx);
      return node.op === '-' ? -toNumber(v) : !truthy(v);
    }
    case 'binary':
      return binaryOp(node, row, ctx);
    case 'call': {
      const args = node.args.map((a) => evaluate(a, row, ctx));
      const extra = ctx.extra?.[node.callee];
      if (extra) return extra(...args);
      return FUNCTIONS[node.callee](ctx, args);
    }
  }
}

function binaryOp(
  node: Extract<Node, { type: 'binary' }>,
  row: Row,
  ctx: Context,
): Value {
  if (node.op === '&&') {
    return truthy(evaluate(node.left, row, ctx))
      ? truthy(evaluate(node.right, row, ctx))
      : false;
  }
  if (node.op === '||') {
    return truthy(evaluate(node.left, row, ctx))
      ? true
      : truthy(evaluate(node.right, row, ctx));
  }
  const a = evaluate(node.left, row, ctx);
  const b = evaluate(node.right, row, ctx);
  switch (node.op) {
    case '+':
      if (typeof a === 'string' || typeof b === 'string') {
        return toText(a) + toText(b);
      }
      return toNumber(a) + toNumber(b);
    case '-':
      return toNumber(a) - toNumber(b);
    case '*':
      return toNumber(a) * toNumber(b);
    case '/':
      return toNumber(a) / toNumber(b);
    case '%':
      return toNumber(a) % toNumber(b);
    case '==':
      return equal(a, b);
    case '!=':
      return !equal(a, b);
    default:
      return compare(node.op, a, b);
  }
}

function equal(a: Value, b: Value): boolean {
  if (typeof a === 'number' && typeof b === 'string') return a === Number(b);
  if (typeof a === 'string' && typeof b === 'number') return Number(a) === b;
  return a === b;
}

function compare(op: string, a: Value, b: Value): boolean {
  const bothText = typeof a === 'string' && typeof b === 'string';
  const x = bothText ? a : toNumber(a);
  const y = bothText ? b : toNumber(b);
  if (op === '<') return x < y;
  if (op === '<=') return x <= y;
  if (op === '>') return x > y;
  return x >= y;
}

/** Numbers of a value; empty and non-numeric text count as NaN. */
export function toNumber(v: Value): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string' && v.trim() !== '') return Number(v);
  return NaN;
}

export function toText(v: Value): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

export function truthy(v: Value): boolean {
  if (typeof v === 'number') return v !== 0 && !Number.isNaN(v);
  return v !== null && v !== '' && v !== false;
}

function roundTo(x: number, places: number): number {
  const f = 10 ** places;
  return Math.round(x * f + Math.sign(x) * 1e-9) / f;
}

const num = (v: Value) => toNumber(v);
const text = (v: Value) => toText(v);

const FUNCTIONS: Record<string, Fn> = {
  round: (_, [x, p]) => roundTo(num(x), p === undefined ? 0 : num(p)),
  floor: (_, [x]) => Math.floor(num(x)),
  ceil: (_, [x]) => Math.ceil(num(x)),
  abs: (_, [x]) => Math.abs(num(x)),
  min: (_, xs) => Math.min(...xs.map(num)),
  max: (_, xs) => Math.max(...xs.map(num)),
  if: (_, [c, a, b]) => (truthy(c) ? a : b === undefined ? null : b),
  coalesce: (_, xs) => xs.find((x) => x !== null && x !== '') ?? null,
  number: (_, [x]) => num(x),
  text: (_, [x]) => text(x),
  len: (_, [x]) => text(x).length,
  upper: (_, [x]) => text(x).toUpperCase(),
  lower: (_, [x]) => text(x).toLowerCase(),
  substr: (_, [s, start, length]) =>
    text(s).substr(num(start), length === undefined ? undefined : num(length)),
  pad: (_, [x, width, fill]) =>
    text(x).padStart(num(width), fill === undefined ? '0' : text(fill)),
  words: (_, [s, from, to]) => {
    const parts = text(s).trim().split(/\s+/).filter(Boolean);
    const end = to === undefined ? undefined : num(to);
    return parts.slice(num(from), end).join(' ');
  },
  first_word: (_, [s]) => text(s).trim().split(/\s+/)[0] ?? '',
  last_word: (_, [s]) => text(s).trim().split(/\s+/).pop() ?? '',
  contains: (_, [s, part]) => text(s).includes(text(part)),
  replace: (_, [s, from, to]) => text(s).split(text(from)).join(text(to)),
  starts_with: (_, [s, part]) => text(s).startsWith(text(part)),
  ends_with: (_, [s, part]) => text(s).endsWith(text(part)),
  urlencode: (_, [s, also]) => urlencode(text(s), also ? text(also) : ''),
  html: (_, [s]) =>
    text(s)
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&#39;'),
  regex: (_, [s, pattern, group]) => {
    const m = new RegExp(text(pattern)).exec(text(s));
    if (!m) return null;
    return m[group === undefined ? 1 : num(group)] ?? null;
  },
  format_time: (_, [t, layout]) => formatDateTime(num(t), text(layout)),
  parse_time: (_, [s, layout]) => parseDateTime(text(s), text(layout)),
  utc_offset: (_, [t, zone]) => utcOffset(num(t), text(zone)),
  epoch_ms: (_, [t]) => Math.round(num(t) * 1000),
  seconds_of_day: (_, [t]) => ((num(t) % 86400) + 86400) % 86400,
  start_of_day: (_, [t]) => Math.floor(num(t) / 86400) * 86400,
  uniform: (ctx, [a, b]) => num(a) + ctx.random() * (num(b) - num(a)),
  rand_int: (ctx, [a, b]) =>
    Math.floor(num(a) + ctx.random() * (num(b) - num(a) + 1)),
  chance: (ctx, [p]) => ctx.random() < num(p),
};

/**
 * The UTC offset, as `UTC-05:00`, that a wall-clock time has in an IANA
 * time zone, so that a report line can say which offset its mock day was
 * in. Times here are wall clocks counted as if they were UTC; the offset
 * is looked up at that clock, then again at the instant it stands for,
 * which is right except in the hour a clock change repeats or skips.
 * @throws ExpressionError naming the zone when it is not one.
 */
function utcOffset(wallClock: number, zone: string): string {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      timeZoneName: 'longOffset',
    });
  } catch {
    throw new ExpressionError(
      `utc_offset: "${zone}" is not a time zone, expected a name such as America/New_York`,
    );
  }
  const offsetAt = (seconds: number): number => {
    const name = format
      .formatToParts(new Date(seconds * 1000))
      .find((p) => p.type === 'timeZoneName')?.value;
    const m = /^GMT([+-])(\d\d):(\d\d)$/.exec(name ?? '');
    if (!m) return 0;
    const minutes = Number(m[2]) * 60 + Number(m[3]);
    return (m[1] === '-' ? -minutes : minutes) * 60;
  };
  const offset = offsetAt(wallClock - offsetAt(wallClock));
  const sign = offset < 0 ? '-' : '+';
  const minutes = Math.abs(offset) / 60;
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `UTC${sign}${hh}:${mm}`;
}

/**
 * Percent-encodes text as encodeURIComponent does, and also the characters
 * in `also` that it leaves alone (of !'()*~): encoders differ there, and a
 * sample that writes ' as %27 must be matched.
 */
function urlencode(s: string, also: string): string {
  const encoded = encodeURIComponent(s);
  if (also === '') return encoded;
  return encoded.replace(/[!'()*~]/g, (c) =>
    also.includes(c)
      ? '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')
      : c,
  );
}

/** Functions that only a caller's context provides (see Context.extra). */
const SCOPED_FUNCTIONS = new Set(['median']);

/** Names of the built-in functions, for validation messages. */
export const FUNCTION_NAMES = Object.keys(FUNCTIONS);
