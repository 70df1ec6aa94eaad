/**
 * Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` as a
 * formula, which can fetch URLs or run commands when a mock is opened.
 * A leading `'` makes them show the text instead; plain numbers such as
 * `-5` are left alone, as a spreadsheet reads them as numbers anyway.
 */
const FORMULA_START = /^[=+\-@]/;
const PLAIN_NUMBER = /^[+-]?\d*[.,]?\d+(?:[eE][+-]?\d+)?$/;

/** The value as a spreadsheet should show it, not run it. */
export function neutraliseFormula(value: string): string {
  if (!FORMULA_START.test(value) || PLAIN_NUMBER.test(value)) return value;
  return `'${value}`;
}
