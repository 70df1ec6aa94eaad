import { extent } from './extent';

/**
 * How identifiers are written: a prefix and a digit count, or, for codes
 * like `1599700637263.837450.223`, literal text and runs of digits.
 */
export interface IdentifierShape {
  digits: [number, number];
  prefix: string;
  /** Literal text and digit-run lengths, when every value has them. */
  parts?: (string | number)[];
}

/**
 * Codes of letters and digits without spaces, mostly distinct or with a
 * fixed prefix: their digit counts and the prefix all of them share.
 */
export function identifierShape(filled: string[]): IdentifierShape | undefined {
  if (!filled.every((v) => /^[A-Za-z]{0,4}[-_]?\d+$/.test(v))) {
    return runsShape(filled);
  }
  let prefix = filled[0];
  for (const v of filled) {
    while (!v.startsWith(prefix)) prefix = prefix.slice(0, -1);
  }
  // The prefix is what every value shares before its varying digits; keep
  // at least one digit varying.
  const shortest = extent(filled.map((v) => v.length))[0];
  if (prefix.length >= shortest) prefix = prefix.slice(0, shortest - 1);
  const digits = filled.map((v) => v.length - prefix.length);
  return { digits: extent(digits), prefix };
}

/** Mostly distinct codes that all share one run of digits and text. */
function runsShape(filled: string[]): IdentifierShape | undefined {
  if (new Set(filled).size < 0.9 * filled.length) return undefined;
  const shape = (v: string) => v.replace(/\d+/g, (d) => `#${d.length}#`);
  const first = shape(filled[0]);
  if (!/#\d+#/.test(first) || /\s/.test(first)) return undefined;
  if (!filled.every((v) => shape(v) === first)) return undefined;
  const parts = first
    .split(/#(\d+)#/)
    .map((p, i) => (i % 2 ? Number(p) : p))
    .filter((p) => p !== '');
  const length = filled[0].length;
  return { digits: [length, length], prefix: '', parts };
}
