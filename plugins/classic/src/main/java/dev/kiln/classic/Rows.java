package dev.kiln.classic;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.floating.SquaredNorm;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Row-wise geometry on float64 matrices, each a few whole-matrix ND4J ops (GEMM for the inner products). */
final class Rows {
  private Rows() {}

  /**
   * {@code ||x_i||²} of every row of {@code x [n, d]}, as a vector {@code [n]} (no {@code [n, d]} temporary when
   * {@code d > 1}). ND4J 1.0.0-M2.1's reductions over an axis of length 1 return their input unchanged (the
   * squared norms of {@code [[-1], [2]]} come back as {@code [-1, 2]}), so a single column is squared directly.
   */
  static INDArray squaredNorms(INDArray x) {
    if (x.size(1) == 1) {
      return x.mul(x).reshape(x.size(0));
    }
    return Nd4j.getExecutioner().exec(new SquaredNorm(x, 1)).reshape(x.size(0));
  }

  /**
   * Squared euclidean distances {@code [m, n]} between the rows of {@code a [m, d]} and {@code b [n, d]}, as
   * scikit-learn's {@code euclidean_distances(a, b, squared=True)} computes them:
   * {@code max(0, −2 a·bᵀ + ||a||² + ||b||²)}, one GEMM and two broadcasts.
   */
  static INDArray squaredDistances(INDArray a, INDArray b, INDArray bNorms) {
    INDArray out = Nd4j.create(DataType.DOUBLE, a.size(0), b.size(0));
    Nd4j.gemm(a, b, out, false, true, -2.0, 0.0);
    out.addiColumnVector(squaredNorms(a).reshape(a.size(0), 1)).addiRowVector(bNorms.reshape(1, b.size(0)));
    return Transforms.max(out, 0.0, false);
  }

  /**
   * The rows of {@code x} scaled to unit length; rows of norm below {@code 10 eps} are left as they are
   * (scikit-learn's {@code normalize}).
   */
  static INDArray unitRows(INDArray x) {
    INDArray norms = Transforms.sqrt(squaredNorms(x), false);
    norms.replaceWhere(Nd4j.onesLike(norms), Conditions.lessThan(10 * Math.ulp(1.0)));
    return x.divColumnVector(norms.reshape(x.size(0), 1));
  }
}
