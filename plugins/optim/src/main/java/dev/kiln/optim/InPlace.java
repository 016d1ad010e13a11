package dev.kiln.optim;

import org.nd4j.linalg.api.blas.Level1;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarAdd;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Max;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.Axpy;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.DivOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Whole-tensor updates into existing buffers, without allocating: BLAS level 1 ({@code axpy}, {@code scal},
 * {@code copy}, {@code dot}) when both tensors are float32 or float64 of one type, laid out with a uniform
 * element stride in the same order; ND4J's in-place ops otherwise, and for the element-wise products,
 * quotients and maxima BLAS lacks (roots are {@link dev.kiln.kernels.Eltwise}'s) (each writes into the output buffer it is given). A BLAS level-1 call on a
 * small tensor costs well under a microsecond, which matters for the many small tensors of a model.
 */
final class InPlace {
  private InPlace() {}

  /** {@code y += alpha * x}. */
  static void axpy(double alpha, INDArray x, INDArray y) {
    if (blas(x, y)) {
      level1().axpy(x.length(), alpha, x, y);
    } else {
      Nd4j.getExecutioner().exec(new Axpy(x, y, y, alpha));
    }
  }

  /** {@code x *= alpha}. */
  static void scale(double alpha, INDArray x) {
    if (blas(x, x)) {
      level1().scal(x.length(), alpha, x);
    } else {
      x.muli(alpha);
    }
  }

  /** {@code to := from}. */
  static void copy(INDArray from, INDArray to) {
    if (blas(from, to)) {
      level1().copy(from, to);
    } else {
      to.assign(from);
    }
  }

  /**
   * {@code Σ x²}, in one pass: NaN exactly when some element is NaN (squares of infinities stay infinite),
   * so it serves as the NaN check and as the squared norm for clipping.
   */
  static double sumOfSquares(INDArray x) {
    if (blas(x, x)) {
      return level1().dot(x.length(), 1.0, x, x);
    }
    double norm = x.norm2Number().doubleValue();
    return norm * norm;
  }

  /** {@code out := a * b}, element-wise. */
  static void multiply(INDArray a, INDArray b, INDArray out) {
    Nd4j.exec(new MulOp(a, b, out));
  }

  /** {@code out := a / b}, element-wise. */
  static void divide(INDArray a, INDArray b, INDArray out) {
    Nd4j.exec(new DivOp(a, b, out));
  }

  /** {@code out := a − b}, element-wise. */
  static void subtract(INDArray a, INDArray b, INDArray out) {
    Nd4j.exec(new SubOp(a, b, out));
  }

  /** {@code out := max(a, b)}, element-wise. */
  static void maximum(INDArray a, INDArray b, INDArray out) {
    Nd4j.exec(new Max(a, b, out));
  }

  /** {@code out := x + c}. */
  static void add(INDArray x, double c, INDArray out) {
    Nd4j.exec(new ScalarAdd(x, null, out, c));
  }

  /** A new buffer of zeros with the shape, type and element order of {@code like}, contiguous. */
  static INDArray zerosLike(INDArray like) {
    return Nd4j.create(like.dataType(), like.shape(), like.ordering());
  }

  private static boolean blas(INDArray a, INDArray b) {
    DataType type = a.dataType();
    return (type == DataType.DOUBLE || type == DataType.FLOAT) && b.dataType() == type
        && a.elementWiseStride() >= 1 && b.elementWiseStride() >= 1
        && (a.ordering() == b.ordering() || a.rank() <= 1 && b.rank() <= 1);
  }

  private static Level1 level1() {
    return Nd4j.getBlasWrapper().level1();
  }
}
