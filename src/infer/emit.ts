import type { ConfigInput, DatasetPlan, FileInput, FilePlan } from './plan';
import { dataDay } from './time';
import { trailerTemplates } from './trailer';

/** Writes a plan as a config, leaving out what the defaults say. */
export function emitConfig(plan: DatasetPlan): ConfigInput {
  return {
    name: plan.name,
    description: [
      `Inferred from ${plan.files.map((f) => f.table.name).join(', ')}.`,
      ...(plan.notes ?? []).map((n) => `${n}.`),
    ].join(' '),
    primary: plan.primary,
    entities: Object.fromEntries(
      [...plan.entities.values()].map((e) => [
        e.name,
        { attributes: e.attributes },
      ]),
    ),
    files: plan.files.map(emitFile),
  };
}

function emitFile(file: FilePlan): FileInput {
  const { table } = file;
  const trailer = table.trailer && {
    separator: table.trailer.separator,
    lines: trailerTemplates(table.trailer.lines, dataDay(file.columns)),
    ...(table.trailer.finalNewline ? { finalNewline: true } : {}),
  };
  return {
    role: file.role,
    match: file.match,
    output: file.output,
    entity: file.entity,
    entityKey: file.entityKey,
    rows: file.rows,
    ...(file.from ? { from: file.from } : {}),
    ...(Object.keys(file.aggregates).length
      ? { aggregates: file.aggregates }
      : {}),
    ...(file.order ? { order: file.order } : {}),
    ...(file.markers.length ? { markers: file.markers } : {}),
    ...(trailer ? { trailer } : {}),
    ...(table.newline === '\r\n' ? { newline: '\r\n' as const } : {}),
    ...(table.finalNewline ? {} : { finalNewline: false }),
    columns: [
      ...table.header.map((h) => file.generators.get(h)!),
      ...file.hidden,
    ],
    ...(file.relations.length ? { relations: file.relations } : {}),
    ...copulaOf(file),
  };
}

/**
 * The file's number columns that read its own sample, drawn together so
 * that they keep the sample's rank correlations (a longer period, more
 * miles). Columns computed from others already keep theirs.
 */
function copulaOf(file: FilePlan): Pick<FileInput, 'copula'> {
  const group = [...file.generators.values(), ...file.hidden]
    .filter((g) => g.kind === 'number' && g.file === undefined)
    .map((g) => g.name);
  return group.length >= 2 ? { copula: [group] } : {};
}
