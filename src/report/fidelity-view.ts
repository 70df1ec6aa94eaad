/**
 * Turns the fidelity scores into what the report prints: the overall
 * score at the top and, per file, its columns and relations, then its
 * pairs of number columns, each from the lowest score up, so the ones
 * that drift come first.
 */

import {
  DRIFT_BELOW,
  type ColumnMethod,
  type FidelityReport,
  type FileFidelity,
} from './fidelity';
import { formatCorrelation, formatScore, scoreHundredths } from './format';
import type { PairFidelity } from './pair-fidelity';

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

/** One scored pair of number columns, a row of the pairs table. */
export interface PairView extends ScoreView {
  a: string;
  b: string;
  /** Spearman's ρ in the sample and in the mock, signed, two decimals. */
  sample: string;
  mock: string;
}

/** The fidelity part of one file's section. */
export interface FileFidelityView {
  score: string;
  drifting: boolean;
  /** Lowest score first; unscored columns last. */
  items: ScoreView[];
  /** Anchor of the pairs table. */
  pairsId: string;
  /** Lowest score first. */
  pairs: PairView[];
  /** How many pairs score below the mark. */
  driftingPairs: number;
}

/** The fidelity card at the top of the report. */
export interface FidelitySummaryView {
  score: string;
  drifting: boolean;
  /** The drift mark as shown, `0.80`. */
  mark: string;
  files: { id: string; role: string; score: string; drifting: boolean }[];
  /** Every column, pair and relation below the mark, lowest first. */
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
 * @param pairsId the anchor to give the file's pairs table.
 */
export function fileFidelityView(
  file: FileFidelity,
  columnHref: (name: string) => string,
  pairsId = 'pairs',
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
  const pairs = lowestFirst(file.pairs.map((p) => pairView(p, pairsId)));
  return {
    score: formatScore(file.score),
    drifting: drifts(file.score),
    items: lowestFirst([...columns, ...relations]),
    pairsId,
    pairs,
    driftingPairs: pairs.filter((p) => p.drifting).length,
  };
}

function pairView(pair: PairFidelity, pairsId: string): PairView {
  return {
    ...scoreView(
      `${pair.a} × ${pair.b}`,
      `#${pairsId}`,
      pair.score,
      'pair: 1 − |ρ sample − ρ mock| / 2',
    ),
    a: pair.a,
    b: pair.b,
    sample: formatCorrelation(pair.sample),
    mock: formatCorrelation(pair.mock),
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
        [...f.fidelity.items, ...f.fidelity.pairs]
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
function lowestFirst<T extends ScoreView>(items: T[]): T[] {
  const rank = (item: ScoreView) => item.value ?? 2;
  return [...items].sort((a, b) => rank(a) - rank(b));
}
