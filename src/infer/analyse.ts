import { inferColumn, type ColumnInfo } from './kinds';
import type { FilePlan } from './plan';
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
    const quoted = fields[0].replace(/\\/g, '\\\\').replace(/'/g, "\\'");
    return [
      {
        at: 'middle' as const,
        width: fields.length,
        key: table.header[0],
        values: { [table.header[0]]: `'${quoted}'` },
      },
    ];
  });
}
