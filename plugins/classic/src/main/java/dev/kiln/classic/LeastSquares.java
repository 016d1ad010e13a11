package dev.kiln.classic;

import org.nd4j.linalg.api.blas.Lapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Least squares and ridge regression through a QR decomposition followed by an SVD of the small
 * triangular factor, in float64 with LAPACK ({@code dgeqrf}, {@code dgesvd}).
 *
 * <p>For {@code X [n, d]} with {@code k = min(n, d)}: when {@code n >= d}, {@code X = QR}; otherwise
 * {@code Xᵀ = QR}, so that {@code X = RᵀQᵀ}. The {@code k × k} factor has an SVD {@code USVᵀ}, giving the
 * thin SVD of {@code X}, and
 * <pre>
 *   w = V' diag(f(s)) U'ᵀ y,   f(s) = s / (s² + α)   (ridge, α > 0)
 *                              f(s) = 1 / s if s > eps·max(n, d)·s_max, else 0   (α = 0)
 * </pre>
 * which minimises {@code ||y − Xw||² + α||w||²}; for α = 0 it is the minimum-norm least-squares solution
 * (the pseudo-inverse, as LAPACK's {@code gelsd} and {@code numpy.linalg.lstsq} give it), so rank-deficient
 * and wide {@code X} are handled. The QR step costs {@code O(n d²)}, the SVD only {@code O(k³)}. Working on
 * {@code X} rather than {@code XᵀX} keeps the condition number from being squared.
 *
 * <p>Reference: Golub and Van Loan, "Matrix Computations", 4th ed., §5.3 (least squares via QR) and §5.5
 * (SVD and rank deficiency); Hoerl and Kennard, "Ridge Regression", Technometrics 12(1), 1970.
 */
final class LeastSquares {
  private LeastSquares() {}

  /** The {@code d} coefficients minimising {@code ||y − Xw||² + alpha ||w||²}; x {@code [n, d]}, y {@code [n]}. */
  static double[] solve(INDArray x, INDArray y, double alpha) {
    long n = x.rows();
    long d = x.columns();
    boolean tall = n >= d;
    int k = (int) Math.min(n, d);
    Lapack lapack = Nd4j.getBlasWrapper().lapack();
    INDArray q = (tall ? x : x.transpose()).castTo(DataType.DOUBLE).dup('f');
    INDArray r = Nd4j.create(DataType.DOUBLE, new long[] {k, k}, 'f');
    lapack.geqrf(q, r);                                     // q becomes Q [max(n, d), k]
    INDArray core = (tall ? r : r.transpose()).dup('f');
    INDArray s = Nd4j.create(DataType.DOUBLE, k);
    INDArray u = Nd4j.create(DataType.DOUBLE, new long[] {k, k}, 'f');
    INDArray vt = Nd4j.create(DataType.DOUBLE, new long[] {k, k}, 'f');
    lapack.gesvd(core, s, u, vt);
    INDArray column = y.castTo(DataType.DOUBLE).reshape(n, 1);
    INDArray projected = tall ? q.transpose().mmul(column) : column;    // the left factor's Qᵀ y
    INDArray z = u.transpose().mmul(projected);                          // [k, 1]
    double[] singular = s.toDoubleVector();
    double cutoff = Math.ulp(1.0) * Math.max(n, d) * (k == 0 ? 0 : singular[0]);
    for (int i = 0; i < k; i++) {
      double si = singular[i];
      double factor = alpha > 0 ? si / (si * si + alpha) : si > cutoff ? 1 / si : 0;
      z.putScalar(i, 0, z.getDouble(i, 0) * factor);
    }
    INDArray w = vt.transpose().mmul(z);
    if (!tall) {
      w = q.mmul(w);
    }
    return w.reshape(d).toDoubleVector();
  }
}
