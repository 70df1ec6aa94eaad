import {
  cholesky,
  nearestCorrelation,
  symmetricEigen,
  type Matrix,
} from '../../src/stats/correlation-matrix';

const product = (l: Matrix): Matrix =>
  l.map((_, i) =>
    l.map((__, j) => l[i].reduce((sum, v, k) => sum + v * l[j][k], 0)),
  );

describe('cholesky', () => {
  it('factors a positive definite matrix', () => {
    const m = [
      [4, 12, -16],
      [12, 37, -43],
      [-16, -43, 98],
    ];

    expect(cholesky(m)).toEqual([
      [2, 0, 0],
      [6, 1, 0],
      [-8, 5, 3],
    ]);
  });

  it('finds no factor for a matrix that is not positive definite', () => {
    expect(
      cholesky([
        [1, 1],
        [1, 1],
      ]),
    ).toBeNull();
  });
});

describe('symmetricEigen', () => {
  it('finds the eigenvalues of a symmetric matrix', () => {
    const { values } = symmetricEigen([
      [2, 1],
      [1, 2],
    ]);

    expect([...values].sort()).toEqual([
      expect.closeTo(1, 12),
      expect.closeTo(3, 12),
    ]);
  });
});

describe('nearestCorrelation', () => {
  // Each column strongly tied to the next two, but the second and third
  // strongly opposed: no three columns can do that. Its eigenvalues are
  // -0.8, 1.9 and 1.9.
  const impossible = [
    [1, 0.9, 0.9],
    [0.9, 1, -0.9],
    [0.9, -0.9, 1],
  ];

  it('leaves a positive definite matrix as it is', () => {
    const m = [
      [1, 0.5],
      [0.5, 1],
    ];

    expect(nearestCorrelation(m)).toBe(m);
  });

  it('raises a negative eigenvalue and keeps a unit diagonal', () => {
    const repaired = nearestCorrelation(impossible);

    // The eigenvalue -0.8, of (1, -1, -1)/√3, is raised by 0.8001 to
    // 1e-4: a third of that joins the diagonal and leaves the others,
    // and scaling the diagonal back to 1 gives (2.7 - 0.8001) / (3 +
    // 0.8001), about 0.49996 (numpy agrees).
    const r = 1.8999 / 3.8001;
    expect(repaired).toEqual([
      [1, expect.closeTo(r, 8), expect.closeTo(r, 8)],
      [expect.closeTo(r, 8), 1, expect.closeTo(-r, 8)],
      [expect.closeTo(r, 8), expect.closeTo(-r, 8), 1],
    ]);
    const factor = cholesky(repaired);
    expect(factor).not.toBeNull();
    product(factor!).forEach((row, i) =>
      row.forEach((v, j) => expect(v).toBeCloseTo(repaired[i][j], 12)),
    );
  });
});
