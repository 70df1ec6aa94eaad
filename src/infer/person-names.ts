/** Two to four capitalised words, as exports write people's names. */
const NAME = /^[A-Z][A-Za-z'.-]*(?: [A-Z][A-Za-z'.-]*){1,3}$/;

/** True when most values read as two to four capitalised words. */
export function looksLikeNames(filled: string[]): boolean {
  const distinct = [...new Set(filled)];
  const names = distinct.filter((v) => NAME.test(v));
  return names.length >= 5 && names.length >= 0.8 * distinct.length;
}

/** A pattern matching the values of a name column that are not names. */
export const NOT_A_NAME = `^(?!${NAME.source.slice(1, -1)}$)`;
