import type { GeneratorSpec } from '../config/schema';
import { formatDateTime } from './datetime';
import type { Value } from './expr';

/** A value as its column writes it. */
export function formatValue(value: Value, column: GeneratorSpec): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '';
    if (column.type === 'datetime') {
      return formatDateTime(value, column.format ?? '');
    }
    if (column.decimals !== undefined) return value.toFixed(column.decimals);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'object') return JSON.stringify(value);
  return value;
}
