/**
 * What is left of a column's text once the other columns it embeds are
 * taken out: per row, the stretches between them. A stretch that reads the
 * same in every row is literal text; within one that differs, the pieces
 * that differ are parts no column explains (a heading, coordinates), which
 * the mock draws from the sample.
 */

import { extent } from './extent';

/** A literal piece of text, or a part that varies from row to row. */
export type Piece =
  { kind: 'literal'; text: string } | { kind: 'varies'; values: string[] };

/** Numbers as one token, words (with %-escapes) as one, else a char. */
const TOKEN = /-?\d+(?:\.\d+)?|[A-Za-z0-9_%]+|[^]/g;

/**
 * Splits one stretch, given as its text in every row, into pieces.
 * Rows that tokenize alike split token by token; otherwise the text all
 * rows share at the start and end is literal and the middle varies.
 */
export function splitStretch(texts: string[]): Piece[] {
  if (texts.every((t) => t === texts[0])) {
    return texts[0] === '' ? [] : [{ kind: 'literal', text: texts[0] }];
  }
  const tokens = texts.map((t) => t.match(TOKEN) ?? []);
  const width = tokens[0].length;
  if (tokens.every((t) => t.length === width)) {
    return mergePieces(
      tokens[0].map((_, i) => tokenPiece(tokens.map((t) => t[i]))),
    );
  }
  return sharedEnds(texts);
}

function tokenPiece(values: string[]): Piece {
  return values.every((v) => v === values[0])
    ? { kind: 'literal', text: values[0] }
    : { kind: 'varies', values };
}

/** Neighbouring literals join, and so do neighbouring varying parts. */
function mergePieces(pieces: Piece[]): Piece[] {
  const out: Piece[] = [];
  for (const piece of pieces) {
    const last = out[out.length - 1];
    if (last?.kind === 'literal' && piece.kind === 'literal') {
      last.text += piece.text;
    } else if (last?.kind === 'varies' && piece.kind === 'varies') {
      last.values = last.values.map((v, i) => v + piece.values[i]);
    } else {
      out.push(piece.kind === 'literal' ? { ...piece } : { ...piece });
    }
  }
  return out;
}

function sharedEnds(texts: string[]): Piece[] {
  let head = 0;
  const [shortest] = extent(texts.map((t) => t.length));
  while (head < shortest && texts.every((t) => t[head] === texts[0][head])) {
    head++;
  }
  let tail = 0;
  while (
    tail < shortest - head &&
    texts.every(
      (t) => t[t.length - 1 - tail] === texts[0][texts[0].length - 1 - tail],
    )
  ) {
    tail++;
  }
  const pieces: Piece[] = [];
  if (head > 0) pieces.push({ kind: 'literal', text: texts[0].slice(0, head) });
  pieces.push({
    kind: 'varies',
    values: texts.map((t) => t.slice(head, t.length - tail)),
  });
  if (tail > 0) {
    pieces.push({
      kind: 'literal',
      text: texts[0].slice(texts[0].length - tail),
    });
  }
  return pieces;
}

/** Characters after which a key or a field starts, in URLs and markup. */
const DELIMITERS = '&?/\'"<>( ,;.=:';

/**
 * The end of a literal that introduces what follows it: from the last
 * delimiter before its final character, so `...sgmap?la=` gives `?la=` and
 * `...&c2='>` gives `'>`.
 */
export function introduction(literal: string): string {
  for (let i = literal.length - 2; i >= 0; i--) {
    if (DELIMITERS.includes(literal[i])) return literal.slice(i);
  }
  return literal;
}

/**
 * The start of a literal that closes what comes before it: up to and
 * including its first delimiter, so `km%2Fh(` stays whole and `&tz=...`
 * gives `&`.
 */
export function leadIn(literal: string): string {
  for (let i = 0; i < literal.length; i++) {
    if (DELIMITERS.includes(literal[i])) return literal.slice(0, i + 1);
  }
  return literal;
}

/** A regular expression matching text literally. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A capture group that takes in every value and stops at `next`. */
export function captureFor(values: string[], next: string): string {
  if (values.every((v) => /^\d+$/.test(v))) return '(\\d+)';
  if (values.every((v) => /^-?\d+(\.\d+)?$/.test(v))) return '([-0-9.]+)';
  if (next === '') return '(.*)';
  const stop = escapeRegex(next[0]);
  return `([^${stop}]*)`;
}

/**
 * A key-like name for a varying part: the key of the query parameter it
 * stands in (`la` in `?la=39.78`, `os` in `&os=72km%2Fh(90)`), or
 * `part<n>`. `before` is the text before the part, other parts included.
 */
export function partName(before: string, index: number): string {
  const m = /([A-Za-z_][A-Za-z0-9_]*)=[^=&?;]*$/.exec(before);
  return m ? m[1] : `part${index + 1}`;
}
