import { inferColumn, type ColumnInfo } from './kinds';
import { quoted, referable, type FilePlan } from './plan';
import type { Table } from './table';

/**
 * Reads every column of a table and starts the file's plan; its name,
 * entity and generators come later.
 */
export function startPlan(table: Table): FilePlan {
  const columns: ColumnInfo[] = table.header.map((name, i) =>
    inferColumn(
      name,
      table.records.map((r) => r[i]),
      { decimalComma: table.delimiter !== ',' },
    ),
  );
  return {
    role: '',
    match: '',
    output: '',
    table,
    columns,
    entity: '',
    entityKey: table.header[0],
    rows: 'primary',
    generators: new Map(),
    hidden: [],
    aggregates: {},
    markers: shortRowMarkers(table),
    relations: [],
  };
}

/**
 * Short rows such as a median line, known by their width and first
 * field, so that reading the sample passes over them. Their other fields
 * are left empty here.
 */
function shortRowMarkers(table: Table): FilePlan['markers'] {
  const seen = new Set<string>();
  return table.shortRows.flatMap(({ fields }) => {
    const id = `${fields.length}:${fields[0]}`;
    if (seen.has(id) || fields[0] === '') return [];
    seen.add(id);
    return [
      {
        at: 'middle' as const,
        width: fields.length,
        key: table.header[0],
        values: { [table.header[0]]: quoted(fields[0]) },
      },
    ];
  });
}

/**
 * Rows that relations are looked for in: enough to tell, few enough that
 * a large sample does not take minutes. Kinds are judged on every row,
 * as every value must fit its column.
 */
export const RELATION_ROWS = 50000;

/**
 * The columns that expressions can name, cut to their first rows, for
 * relation finding.
 */
export function headOf(all: ColumnInfo[], rows = RELATION_ROWS) {
  const columns = all.filter((c) => referable(c.name));
  if ((columns[0]?.raw.length ?? 0) <= rows) return columns;
  return columns.map((c) => ({
    ...c,
    raw: c.raw.slice(0, rows),
    values: c.values.slice(0, rows),
  }));
}
