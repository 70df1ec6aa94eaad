import type { ColumnInfo } from './kinds';

/** How a column is written: its type, layout, decimals, placeholders. */
export function valueFields(c: ColumnInfo) {
  return {
    name: c.name,
    ...(c.type === 'text' ? {} : { type: c.type }),
    ...(c.format ? { format: c.format } : {}),
    ...(c.offsets ? { offsets: c.offsets } : {}),
    ...(c.decimals ? { decimals: c.decimals } : {}),
    ...(c.placeholders.length ? { placeholders: c.placeholders } : {}),
  };
}
