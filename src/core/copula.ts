import type { GeneratorSpec } from '../config/schema';
import {
  cholesky,
  nearestCorrelation,
  type Matrix,
} from '../stats/correlation-matrix';
import { spearman } from '../stats/spearman';
import { normalCdf } from './distributions';
import { evaluate, parseExpression, toNumber, type Row } from './expr';
import { normal, type RandomStream } from './random';

type NumberSpec = Extract<GeneratorSpec, { kind: 'number' }>;

/**
 * A Gaussian copula over a group of number columns. Each column keeps its
 * own distribution (its empirical quantile); the copula only decides
 * where in that distribution the row's value falls, jointly, so that the
 * columns rise and fall together as much as the sample's do, measured by
 * rank correlation.
 */
export class GaussianCopula {
  /**
   * @param columns the group's columns, in the config's order.
   * @param factor the lower-triangular Cholesky factor of the normals'
   *   correlation matrix.
   */
  constructor(
    readonly columns: readonly string[],
    private readonly factor: Matrix,
  ) {}

  /**
   * One uniform in [0, 1] per column, in the order of `columns`:
   * independent standard normals, correlated by the factor, each mapped
   * through the normal distribution function.
   */
  draw(random: RandomStream): number[] {
    const z = this.columns.map(() => normal(random));
    return this.factor.map((row) => {
      let sum = 0;
      for (let k = 0; k < row.length; k += 1) sum += row[k] * z[k];
      return normalCdf(sum);
    });
  }
}

/**
 * Learns a group's copula from the sample rows where every column's
 * `where` holds and every `sample` expression gives a number: the
 * Spearman matrix of those values, turned into the correlation of the
 * normals that gives it (2·sin(πρ/6)), made positive definite if the
 * pairs do not fit together. A pair whose correlation is not defined
 * (fewer than two rows, or a column with one value) is drawn independent.
 */
export function learnCopula(
  specs: readonly NumberSpec[],
  rows: readonly Row[],
): GaussianCopula {
  const values = pairedValues(specs, rows);
  const matrix: Matrix = specs.map((_, i) =>
    specs.map((__, j) => {
      if (i === j) return 1;
      const rho = spearman(values[i], values[j]) ?? 0;
      return 2 * Math.sin((Math.PI * rho) / 6);
    }),
  );
  // nearestCorrelation leaves a factor to find; should rounding ever deny
  // one, independent columns are the safe fallback.
  const factor =
    cholesky(nearestCorrelation(matrix)) ??
    matrix.map((_, i) => matrix.map((__, j) => (i === j ? 1 : 0)));
  return new GaussianCopula(
    specs.map((s) => s.name),
    factor,
  );
}

/** Per column, its values on the sample rows where all of them read. */
function pairedValues(
  specs: readonly NumberSpec[],
  rows: readonly Row[],
): number[][] {
  const noRandom = { random: () => 0.5 };
  const nodes = specs.map((s) => parseExpression(s.sample));
  const filters = specs.flatMap((s) =>
    s.where ? [parseExpression(s.where)] : [],
  );
  const out: number[][] = specs.map(() => []);
  for (const row of rows) {
    if (!filters.every((f) => evaluate(f, row, noRandom))) continue;
    const read = nodes.map((node) => toNumber(evaluate(node, row, noRandom)));
    if (!read.every(Number.isFinite)) continue;
    read.forEach((v, i) => out[i].push(v));
  }
  return out;
}
