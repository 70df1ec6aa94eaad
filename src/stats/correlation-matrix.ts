/**
 * The linear algebra a Gaussian copula needs: a Cholesky factor to
 * correlate independent normals, and a repair for correlation matrices
 * that have none. Pairwise correlations estimated one pair at a time, or
 * converted from ranks, need not fit together (three columns cannot each
 * be strongly tied to the next and opposed to the third), and such a
 * matrix has no Cholesky factor.
 */

export type Matrix = number[][];

/**
 * Eigenvalues are raised to at least this before a matrix is rebuilt, so
 * that the repaired matrix is safely positive definite, not on the edge.
 */
const LEAST_EIGENVALUE = 1e-4;

/**
 * The lower-triangular L with L·Lᵀ = m, for a symmetric matrix.
 *
 * @returns null when m is not positive definite.
 */
export function cholesky(m: Matrix): Matrix | null {
  const n = m.length;
  const l: Matrix = m.map(() => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i += 1) {
    for (let j = 0; j <= i; j += 1) {
      let sum = m[i][j];
      for (let k = 0; k < j; k += 1) sum -= l[i][k] * l[j][k];
      if (i === j) {
        if (!(sum > 0)) return null;
        l[i][i] = Math.sqrt(sum);
      } else {
        l[i][j] = sum / l[j][j];
      }
    }
  }
  return l;
}

/**
 * A correlation matrix close to m that is positive definite: m itself
 * when it is, else m with its eigenvalues raised to a small positive
 * floor and rescaled to a unit diagonal. Not Higham's nearest matrix in
 * the strict sense, but the same in spirit and one step: directions with
 * no variance get a little, the rest barely move.
 */
export function nearestCorrelation(m: Matrix): Matrix {
  if (cholesky(m)) return m;

  const { values, vectors } = symmetricEigen(m);
  const n = m.length;
  const floored = values.map((v) => Math.max(v, LEAST_EIGENVALUE));
  const rebuilt: Matrix = m.map((_, i) =>
    m.map((__, j) => {
      let sum = 0;
      for (let k = 0; k < n; k += 1) {
        sum += vectors[i][k] * floored[k] * vectors[j][k];
      }
      return sum;
    }),
  );
  const scale = rebuilt.map((row, i) => Math.sqrt(row[i]));
  return rebuilt.map((row, i) =>
    row.map((v, j) => (i === j ? 1 : v / (scale[i] * scale[j]))),
  );
}

/**
 * Eigenvalues and eigenvectors (as columns) of a symmetric matrix by
 * cyclic Jacobi rotations: slow for large matrices, exact enough and
 * short for the handful of columns a copula group holds.
 */
export function symmetricEigen(m: Matrix): {
  values: number[];
  vectors: Matrix;
} {
  const n = m.length;
  const a = m.map((row) => [...row]);
  const v: Matrix = m.map((_, i) => m.map((__, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 100; sweep += 1) {
    let off = 0;
    for (let p = 0; p < n; p += 1) {
      for (let q = p + 1; q < n; q += 1) off += a[p][q] * a[p][q];
    }
    if (off < 1e-22) break;
    for (let p = 0; p < n; p += 1) {
      for (let q = p + 1; q < n; q += 1) rotate(a, v, p, q);
    }
  }
  return { values: a.map((row, i) => row[i]), vectors: v };
}

// One Jacobi rotation in the (p, q) plane that zeroes a[p][q].
function rotate(a: Matrix, v: Matrix, p: number, q: number): void {
  if (a[p][q] === 0) return;
  const theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
  const t =
    Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
  const c = 1 / Math.sqrt(t * t + 1);
  const s = t * c;
  const n = a.length;
  for (let k = 0; k < n; k += 1) {
    const akp = a[k][p];
    const akq = a[k][q];
    a[k][p] = c * akp - s * akq;
    a[k][q] = s * akp + c * akq;
  }
  for (let k = 0; k < n; k += 1) {
    const apk = a[p][k];
    const aqk = a[q][k];
    a[p][k] = c * apk - s * aqk;
    a[q][k] = s * apk + c * aqk;
  }
  for (let k = 0; k < n; k += 1) {
    const vkp = v[k][p];
    const vkq = v[k][q];
    v[k][p] = c * vkp - s * vkq;
    v[k][q] = s * vkp + c * vkq;
  }
}
