import { NOT_A_NAME } from './kinds';
import { ref } from './plan';

/**
 * A code made from a person's name, such as `SOTKH` for KHALID SOTO: the
 * first letters of the last and first words, in one case. Exports add a
 * two-digit suffix when two people would get the same code.
 */
export interface NameCode {
  /** The expression that makes the code from the name column. */
  expr: string;
  /** Whether some codes carry a clash suffix. */
  suffixed: boolean;
}

/** Share of named rows whose code the expression must give. */
const MATCHES = 0.9;
const LONGEST_PART = 5;

type Word = 'first_word' | 'last_word';
type Casing = 'upper' | 'lower' | '';

/**
 * Finds how `code` is made from `name`, trying parts of the name's first
 * and last words in either order and either case; undefined if none
 * gives nearly every code.
 */
export function findNameCode(
  names: string[],
  codes: string[],
): NameCode | undefined {
  const notName = new RegExp(NOT_A_NAME);
  const pairs = new Map<string, string>();
  names.forEach((n, i) => {
    if (n !== '' && codes[i] !== '' && !notName.test(n)) pairs.set(n, codes[i]);
  });
  if (pairs.size < 5) return undefined;
  for (const build of candidates()) {
    let matched = 0;
    let suffixed = false;
    for (const [n, code] of pairs) {
      const made = build.make(n);
      if (code === made) matched++;
      else if (
        code.startsWith(made) &&
        /^\d\d$/.test(code.slice(made.length))
      ) {
        matched++;
        suffixed = true;
      }
    }
    if (matched >= MATCHES * pairs.size) {
      return { expr: build.expr, suffixed };
    }
  }
  return undefined;
}

interface Candidate {
  make: (name: string) => string;
  /** The expression with `NAME` standing for the name column. */
  expr: string;
}

function* candidates(): Generator<Candidate> {
  const words: Word[] = ['last_word', 'first_word'];
  const casings: Casing[] = ['upper', 'lower', ''];
  for (const casing of casings) {
    for (const first of words) {
      for (const second of words) {
        if (first === second) continue;
        for (let a = 1; a <= LONGEST_PART; a++) {
          for (let b = 1; b <= LONGEST_PART; b++) {
            yield candidate(
              [
                [first, a],
                [second, b],
              ],
              casing,
            );
          }
        }
      }
    }
  }
}

function candidate(parts: [Word, number][], casing: Casing): Candidate {
  const pick = (w: Word, n: string) => {
    const words = n.trim().split(/\s+/);
    return w === 'first_word' ? words[0] : words[words.length - 1];
  };
  const cased = (s: string) =>
    casing === 'upper'
      ? s.toUpperCase()
      : casing === 'lower'
        ? s.toLowerCase()
        : s;
  const body = parts.map(([w, k]) => `substr(${w}(NAME), 0, ${k})`).join(' + ');
  return {
    make: (n) => cased(parts.map(([w, k]) => pick(w, n).slice(0, k)).join('')),
    expr: casing ? `${casing}(${body})` : body,
  };
}

/** The expression of a code over a given name column. */
export function codeExpr(code: NameCode, name: string): string {
  return code.expr.replace(/NAME/g, ref(name));
}
