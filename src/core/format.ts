import type { GeneratorSpec } from '../config/schema';
import { formatDateTime } from './datetime';
import type { Value } from './expr';
import { writeDecimal } from '../sample/decimal';

/** A value as its column writes it. */
export function formatValue(value: Value, column: GeneratorSpec): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '';
    if (column.type === 'datetime') {
      return formatDateTime(value, column.format ?? '', column.offsets);
    }
    const text =
      column.decimals !== undefined
        ? value.toFixed(column.decimals)
        : String(value);
    return writeDecimal(text, column.decimalSeparator ?? '.');
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'object') return JSON.stringify(value);
  return value;
}
