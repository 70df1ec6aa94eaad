import {
  evaluate,
  ExpressionError,
  parseExpression,
  referencedNames,
  toText,
  type Context,
  type Node,
  type Row,
} from './expr';

/** Text with ${expression} parts, parsed once. */
export type Template = (string | Node)[];

/**
 * Splits a template into literal text and parsed expressions.
 * @throws ExpressionError for an unclosed part or a bad expression.
 */
export function parseTemplate(source: string): Template {
  const parts: Template = [];
  let i = 0;
  while (i < source.length) {
    const open = source.indexOf('${', i);
    if (open < 0) {
      parts.push(source.slice(i));
      break;
    }
    if (open > i) parts.push(source.slice(i, open));
    const close = findClose(source, open + 2);
    if (close < 0) throw new ExpressionError(`unclosed "\${" at ${open}`);
    parts.push(parseExpression(source.slice(open + 2, close)));
    i = close + 1;
  }
  return parts;
}

/** The closing brace of a part, skipping braces inside quoted strings. */
function findClose(source: string, from: number): number {
  let quote = '';
  for (let i = from; i < source.length; i++) {
    const c = source[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '}') return i;
  }
  return -1;
}

export function renderTemplate(t: Template, row: Row, ctx: Context): string {
  let out = '';
  for (const part of t) {
    out += typeof part === 'string' ? part : toText(evaluate(part, row, ctx));
  }
  return out;
}

export function templateNames(t: Template): Set<string> {
  const names = new Set<string>();
  for (const part of t)
    if (typeof part !== 'string') referencedNames(part, names);
  return names;
}
