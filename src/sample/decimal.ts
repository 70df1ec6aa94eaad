/**
 * Numbers written with a decimal comma (`12,5`), as spreadsheets in much
 * of Europe export them, next to the usual decimal point.
 */
export type DecimalSeparator = '.' | ',';

/**
 * The decimal separator a number's text shows: `.` for `12.5`, `,` for
 * `12,5`, null for text with no fraction (`12`) or that is no number.
 * A value such as `1,234` is ambiguous in itself; callers decide by the
 * whole column and the file's delimiter.
 */
export function decimalSeparatorOf(text: string): DecimalSeparator | null {
  if (/^[+-]?\d*\.\d+(?:[eE][+-]?\d+)?$/.test(text)) return '.';
  if (/^[+-]?\d*,\d+$/.test(text)) return ',';
  return null;
}

/**
 * A number's value read with the given decimal separator, or NaN. With
 * `,` a point is refused rather than guessed to group thousands.
 */
export function parseDecimal(text: string, separator: DecimalSeparator) {
  if (separator === '.') return Number(text);
  if (text.includes('.')) return NaN;
  return Number(text.replace(',', '.'));
}

/** A number formatted with a point, written with the given separator. */
export function writeDecimal(text: string, separator: DecimalSeparator) {
  return separator === ',' ? text.replace('.', ',') : text;
}
