/**
 * Turns the fidelity scores into what the report prints: the overall
 * score at the top and, per file, its columns and relations from the
 * lowest score up, so the ones that drift come first.
 */

import {
  DRIFT_BELOW,
  type ColumnMethod,
  type FidelityReport,
  type FileFidelity,
} from './fidelity';
import { formatScore, scoreHundredths } from './format';

/** One scored column or relation. */
export interface ScoreView {
  name: string;
  /** The name cut after each underscore or slash, where it may wrap. */
  nameParts: string[];
  /** Where the column's comparison or the relations table is. */
  href: string;
  score: string;
  /** The exact score, for ordering; null when there is none. */
  value: number | null;
  /** False when the column is not scored (empty in both files). */
  scored: boolean;
  /** Length of the score bar in percent, the score as shown. */
  bar: number;
  /** True when the score is below the drift mark. */
  drifting: boolean;
  /** How the score was measured, or why there is none. */
  how: string;
}

/** The fidelity part of one file's section. */
export interface FileFidelityView {
  score: string;
  drifting: boolean;
  /** Lowest score first; unscored columns last. */
  items: ScoreView[];
}

/** The fidelity card at the top of the report. */
export interface FidelitySummaryView {
  score: string;
  drifting: boolean;
  /** The drift mark as shown, `0.80`. */
  mark: string;
  files: { id: string; role: string; score: string; drifting: boolean }[];
  /** Every column and relation below the mark, lowest first. */
  belowMark: { role: string; item: ScoreView }[];
}

const HOW: Record<ColumnMethod, string> = {
  values: 'numbers: 1 − Kolmogorov–Smirnov',
  'time-of-day': 'time of day: 1 − Kolmogorov–Smirnov',
  categories: 'categories: 1 − total variation',
  lengths: 'value lengths: 1 − Kolmogorov–Smirnov',
  'missing-from-mock': 'missing from the mock',
  'only-in-mock': 'only in the mock, not in the sample',
  empty: 'empty in both files; not scored',
};

/**
 * The view of one file's scores.
 *
 * @param columnHref the anchor of a column's comparison, by its name.
 */
export function fileFidelityView(
  file: FileFidelity,
  columnHref: (name: string) => string,
): FileFidelityView {
  const columns = file.columns.map((c) =>
    scoreView(c.name, columnHref(c.name), c.score, HOW[c.method]),
  );
  const relations = file.relations.map((r) =>
    scoreView(
      r.name,
      '#relations',
      r.score,
      r.score === null ? 'relation: no row checked' : 'relation: rows held',
    ),
  );
  return {
    score: formatScore(file.score),
    drifting: drifts(file.score),
    items: lowestFirst([...columns, ...relations]),
  };
}

/** The view of the run's scores; `files` in the same order as the model. */
export function fidelitySummaryView(
  report: FidelityReport,
  files: { id: string; role: string; fidelity: FileFidelityView }[],
): FidelitySummaryView {
  return {
    score: formatScore(report.score),
    drifting: drifts(report.score),
    mark: formatScore(DRIFT_BELOW),
    files: files.map((f) => ({
      id: f.id,
      role: f.role,
      score: f.fidelity.score,
      drifting: f.fidelity.drifting,
    })),
    belowMark: files
      .flatMap((f) =>
        f.fidelity.items
          .filter((item) => item.drifting)
          .map((item) => ({ role: f.role, item })),
      )
      .sort((a, b) => (a.item.value ?? 0) - (b.item.value ?? 0)),
  };
}

function scoreView(
  name: string,
  href: string,
  score: number | null,
  how: string,
): ScoreView {
  return {
    name,
    nameParts: name.split(/(?<=[_/])/),
    href,
    score: formatScore(score),
    value: score,
    scored: score !== null,
    bar: score === null ? 0 : scoreHundredths(score),
    drifting: drifts(score),
    how,
  };
}

// Judged on the score as shown, so a score marked as drifting never reads
// as the mark itself.
function drifts(score: number | null): boolean {
  return (
    score !== null && scoreHundredths(score) < scoreHundredths(DRIFT_BELOW)
  );
}

// Sort is stable, so equal scores keep the file's column order; unscored
// ones rank past the highest score, 1.
function lowestFirst(items: ScoreView[]): ScoreView[] {
  const rank = (item: ScoreView) => item.value ?? 2;
  return [...items].sort((a, b) => rank(a) - rank(b));
}
