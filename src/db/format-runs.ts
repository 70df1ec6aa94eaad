import type { RunSummary } from './runlog';
import type { StageName } from './types';

// Column order follows the pipeline.
const STAGES: readonly StageName[] = [
  'read',
  'profile',
  'generate',
  'write',
  'report',
];

interface Column {
  title: string;
  align: 'left' | 'right';
  cell(run: RunSummary): string;
}

const COLUMNS: readonly Column[] = [
  { title: 'RUN ID', align: 'left', cell: (run) => run.runId },
  {
    title: 'STARTED (UTC)',
    align: 'left',
    cell: (run) => utc(run.startedAt),
  },
  { title: 'STATUS', align: 'left', cell: (run) => run.status },
  { title: 'CONFIG', align: 'left', cell: (run) => run.configName },
  { title: 'ROWS', align: 'right', cell: (run) => count(run.totalRows) },
  { title: 'SECONDS', align: 'right', cell: seconds },
  ...STAGES.map((stage): Column => ({
    title: `${stage.toUpperCase()} MS`,
    align: 'right',
    cell: (run) => stageMs(run, stage),
  })),
];

/**
 * A plain-text table of runs for people: one line per run, columns padded
 * with spaces, `-` where a value is missing (a run still going, a stage that
 * did not run). Failed runs' errors follow the table. No trailing newline.
 */
export function formatRuns(runs: readonly RunSummary[]): string {
  if (runs.length === 0) return 'No runs recorded yet.';

  const rows = [
    COLUMNS.map((column) => column.title),
    ...runs.map((run) => COLUMNS.map((column) => column.cell(run))),
  ];
  const widths = COLUMNS.map((_, i) =>
    Math.max(...rows.map((row) => row[i].length)),
  );
  const table = rows.map((row) =>
    row
      .map((text, i) =>
        COLUMNS[i].align === 'left'
          ? text.padEnd(widths[i])
          : text.padStart(widths[i]),
      )
      .join('  ')
      .trimEnd(),
  );

  const errors = runs.flatMap(({ runId, error }) =>
    error === null ? [] : [`${runId}: ${error.code} ${error.message}`],
  );
  return errors.length === 0
    ? table.join('\n')
    : [...table, '', 'Errors:', ...errors].join('\n');
}

function utc(time: Date): string {
  return time.toISOString().slice(0, 19).replace('T', ' ');
}

function count(value: number | null): string {
  return value === null ? '-' : String(value);
}

function seconds(run: RunSummary): string {
  if (run.finishedAt === null) return '-';
  const ms = run.finishedAt.getTime() - run.startedAt.getTime();
  return (ms / 1000).toFixed(1);
}

// A stage recorded more than once (a write per day, say) shows its total.
function stageMs(run: RunSummary, stage: StageName): string {
  const timings = run.stages.filter((timing) => timing.stage === stage);
  if (timings.length === 0) return '-';
  const total = timings.reduce((sum, timing) => sum + timing.durationMs, 0);
  return String(Math.round(total));
}
