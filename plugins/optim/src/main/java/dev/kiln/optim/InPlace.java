package dev.kiln.optim;

import dev.kiln.kernels.Eltwise;
import dev.kiln.kernels.Level1;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarAdd;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Max;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.DivOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The element-wise products, quotients, differences, maxima and shifts the optimizers compose their updates
 * from, each written into the output buffer it is given (no allocation), through ND4J's ops; BLAS level 1
 * ({@link Level1}) does the scaled sums, copies and dot products, oneDNN ({@link Eltwise}) the roots.
 */
final class InPlace {
  private InPlace() {}

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
}
