package dev.kiln.kernels;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce3.Dot;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.Axpy;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Whole-tensor BLAS level 1 updates into existing buffers: {@code axpy}, {@code scal}, {@code copy} and
 * {@code dot} when both tensors are float32 or float64 of one type, laid out with a uniform element stride in
 * the same order; ND4J's ops otherwise. A BLAS call on a small tensor costs well under a microsecond where an
 * ND4J op costs 5–40 µs, which matters for the many small tensors of a training step (a model's parameters,
 * a batch of logits). {@code axpby}, which BLAS lacks, is oneDNN's binary addition with scales on float32 CPU
 * arrays: one pass where {@code scal} then {@code axpy} make two (10M floats: 1.6 ms against 2.4 ms).
 */
public final class Level1 {
  private Level1() {}

  /** {@code y += alpha · x}. */
  public static void axpy(double alpha, INDArray x, INDArray y) {
    if (blas(x, y)) {
      Nd4j.getBlasWrapper().level1().axpy(x.length(), alpha, x, y);
    } else {
      Nd4j.getExecutioner().exec(new Axpy(x, y, y, alpha));
    }
  }

  /**
   * {@code y := alpha·x + beta·y} in IEEE arithmetic, as PyTorch's {@code mul_} then {@code add_} (so
   * {@code beta = 0} keeps a NaN or infinity of {@code y} as NaN, where BLAS {@code scal} by 0 writes zeros);
   * {@code x} may be {@code y} (other overlapping views may not).
   */
  public static void axpby(double alpha, INDArray x, double beta, INDArray y) {
    OneDnn dnn = OneDnn.get();
    if (x == y) {
      y.muli(alpha + beta);
    } else if (dnn != null && Eltwise.flatFloats(x, y) && dnn.cached(new ScaledSum(x.length()),
        k -> OneDnnScaledSum.make(dnn, k.length())) instanceof OneDnnScaledSum sum) {
      sum.run((float) alpha, x, (float) beta, y);
    } else {
      y.muli(beta);
      axpy(alpha, x, y);
    }
  }

  /** The length of an {@code axpby} primitive (its scalars are given on each call). */
  private record ScaledSum(long length) {}

  /** {@code x *= alpha}. */
  public static void scale(double alpha, INDArray x) {
    if (blas(x, x)) {
      Nd4j.getBlasWrapper().level1().scal(x.length(), alpha, x);
    } else {
      x.muli(alpha);
    }
  }

  /** {@code to := from}. */
  public static void copy(INDArray from, INDArray to) {
    if (blas(from, to)) {
      Nd4j.getBlasWrapper().level1().copy(from, to);
    } else {
      to.assign(from);
    }
  }

  /**
   * {@code Σ |x|} over all elements, in the tensor's precision: NaN exactly when an element is NaN (infinities
   * of both signs add up to +∞). OpenBLAS splits it across its threads (when it has more than one), where its
   * {@code dot} runs on one: on 10M floats, 0.5 ms against 1.0 ms, which makes it the cheaper check for NaN.
   */
  public static double absoluteSum(INDArray x) {
    if (blas(x, x)) {
      return Nd4j.getBlasWrapper().level1().asum(x);
    }
    return x.norm1Number().doubleValue();
  }

  /** {@code Σ a·b} over all elements, in the tensors' precision. */
  public static double dot(INDArray a, INDArray b) {
    if (blas(a, b)) {
      return Nd4j.getBlasWrapper().level1().dot(a.length(), 1.0, a, b);
    }
    return Nd4j.getExecutioner().exec(new Dot(a, b)).getDouble(0);
  }

  private static boolean blas(INDArray a, INDArray b) {
    DataType type = a.dataType();
    return (type == DataType.DOUBLE || type == DataType.FLOAT) && b.dataType() == type && a.length() == b.length()
        && a.elementWiseStride() >= 1 && b.elementWiseStride() >= 1
        && (a.ordering() == b.ordering() || a.rank() <= 1 && b.rank() <= 1);
  }
}
