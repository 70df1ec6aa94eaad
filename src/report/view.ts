/**
 * Turns the report model into the strings and shapes the templates print,
 * so the templates hold markup only and every decision about wording and
 * rounding lives here, where it can be tested.
 */

import type { ColumnComparison } from './compare';
import type { FidelityReport } from './fidelity';
import {
  fidelitySummaryView,
  fileFidelityView,
  type FidelitySummaryView,
  type FileFidelityView,
} from './fidelity-view';
import { formatCount, formatHeld, formatShare, formatStat } from './format';
import type { ReportFile, ReportModel } from './model';
import type { ColumnProfile } from './profile';
import { layoutChart, type ChartLayout } from './svg';

/** One side of a column row: the sample's or the mock's profile. */
export interface SideView {
  side: 'sample' | 'mock';
  /** False when the column is missing from this file. */
  present: boolean;
  kind: string;
  rows: string;
  empty: string;
  distinct: string;
  /** Number and datetime columns; null for text and empty ones. */
  stats: { min: string; mean: string; max: string } | null;
  top: { value: string; count: string }[];
  /** A remark under the values, such as that every value is distinct. */
  note: string | null;
}

/** One column: a group of two rows and a chart in the file's table. */
export interface ColumnView {
  /** Anchor of the column's rows, for links from the fidelity scores. */
  id: string;
  name: string;
  /** The name cut after each underscore, where the page may wrap it. */
  nameParts: string[];
  sides: [SideView, SideView];
  /** True when both files hold the column but read as different kinds. */
  kindsDiffer: boolean;
  chart: ChartLayout;
}

/** One file's section: the days generated and its columns. */
export interface FileView {
  /** Anchor of the section, for the contents links. */
  id: string;
  role: string;
  sampleName: string;
  days: { day: string; name: string; rows: string; bytes: string }[];
  totalRows: string;
  totalBytes: string;
  fidelity: FileFidelityView;
  columns: ColumnView[];
}

/** One row of the relations table, counts already written out. */
export interface RelationView {
  file: string;
  name: string;
  description: string;
  checked: string;
  held: string;
  percent: string;
  /** True when some checked rows broke the relation. */
  broken: boolean;
}

/** What the `@report` template prints; every field is display text. */
export interface ReportView {
  runId: string;
  toolVersion: string;
  configName: string;
  configHash: string;
  seed: string;
  arguments: { name: string; value: string }[];
  fidelity: FidelitySummaryView;
  files: FileView[];
  relations: RelationView[];
  /** How many relations held on fewer than all checked rows. */
  brokenRelations: number;
  stages: { stage: string; ms: string; rows: string; bytes: string }[];
  totalMs: string;
}

/** Builds the view of a whole report. */
export function reportView(model: ReportModel): ReportView {
  const relations = model.relations.map((r) => ({
    file: r.file,
    name: r.name,
    description: r.description,
    checked: formatCount(r.checked),
    held: formatCount(r.held),
    percent: formatHeld(r.held, r.checked),
    broken: r.held < r.checked,
  }));

  const files = model.files.map((file, index) =>
    fileView(file, index, model.fidelity),
  );

  return {
    runId: model.runId,
    toolVersion: model.toolVersion,
    configName: model.config.name,
    configHash: model.config.hash,
    seed: model.seed,
    arguments: Object.entries(model.arguments).map(([name, value]) => ({
      name,
      value,
    })),
    fidelity: fidelitySummaryView(model.fidelity, files),
    files,
    relations,
    brokenRelations: relations.filter((r) => r.broken).length,
    stages: model.stages.map((s) => ({
      stage: s.stage,
      ms: formatCount(Math.round(s.durationMs)),
      rows: formatCount(s.rows),
      bytes: formatCount(s.bytes),
    })),
    totalMs: formatCount(
      Math.round(model.stages.reduce((t, s) => t + s.durationMs, 0)),
    ),
  };
}

function fileView(
  file: ReportFile,
  index: number,
  fidelity: FidelityReport,
): FileView {
  const sum = (pick: (d: ReportFile['days'][number]) => number): string =>
    formatCount(file.days.reduce((total, d) => total + pick(d), 0));
  const columnId = (c: number) => `column-${index + 1}-${c + 1}`;
  const columnIds = new Map(
    file.columns.map((col, c) => [col.name, columnId(c)]),
  );
  const scores = fidelity.files.find((f) => f.role === file.role);

  return {
    id: `file-${index + 1}`,
    role: file.role,
    sampleName: file.sampleName,
    days: file.days.map((d) => ({
      day: d.day,
      name: d.name,
      rows: formatCount(d.rows),
      bytes: formatCount(d.bytes),
    })),
    totalRows: sum((d) => d.rows),
    totalBytes: sum((d) => d.bytes),
    fidelity: fileFidelityView(
      scores ?? {
        role: file.role,
        score: null,
        columns: [],
        pairs: [],
        relations: [],
      },
      (name) => `#${columnIds.get(name) ?? ''}`,
      `pairs-${index + 1}`,
    ),
    columns: file.columns.map((column, c) =>
      columnView(column, columnId(c), `chart-${index + 1}-${c + 1}`),
    ),
  };
}

function columnView(
  column: ColumnComparison,
  id: string,
  chartId: string,
): ColumnView {
  const { sample, mock } = column;
  return {
    id,
    name: column.name,
    nameParts: column.name.split(/(?<=_)/),
    sides: [sideView('sample', sample), sideView('mock', mock)],
    kindsDiffer: !!sample && !!mock && sample.kind !== mock.kind,
    chart: layoutChart(chartId, column.name, column.chart),
  };
}

function sideView(
  side: 'sample' | 'mock',
  profile: ColumnProfile | null,
): SideView {
  if (!profile) {
    return {
      side,
      present: false,
      kind: 'missing',
      rows: '–',
      empty: '–',
      distinct: '–',
      stats: null,
      top: [],
      note: null,
    };
  }

  const { kind } = profile;
  const numeric = kind === 'number' || kind === 'datetime';
  // An identifier column would list eight values seen once each; three
  // show what its values look like.
  const unique =
    !numeric && profile.top.length > 0 && profile.top[0].count === 1;
  const top = unique ? profile.top.slice(0, 3) : profile.top;
  return {
    side,
    present: true,
    kind,
    rows: formatCount(profile.count),
    empty:
      profile.count === 0 ? '–' : formatShare(profile.empty / profile.count),
    distinct: `${profile.capped ? '≥ ' : ''}${formatCount(profile.distinct)}`,
    stats:
      numeric && profile.min !== null
        ? {
            min: formatStat(profile.min, kind),
            mean: formatStat(profile.mean as number, kind, true),
            max: formatStat(profile.max as number, kind),
          }
        : null,
    top: numeric
      ? []
      : top.map((t) => ({ value: t.value, count: formatCount(t.count) })),
    note: unique ? 'every value occurs once' : null,
  };
}
