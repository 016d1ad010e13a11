package dev.kiln.kernels;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC_0;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC_1;

import org.bytedeco.dnnl.binary;
import org.bytedeco.dnnl.global.dnnl.algorithm;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.primitive_attr;
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

  /** {@code y := alpha·x + beta·y}; {@code x} may be {@code y} (other overlapping views may not). */
  public static void axpby(double alpha, INDArray x, double beta, INDArray y) {
    OneDnn dnn = OneDnn.get();
    if (x == y) {
      scale(alpha + beta, y);
    } else if (dnn != null && Eltwise.flatFloats(x, y) && dnn.cached(new ScaledSum((float) alpha, (float) beta,
        x.length()), k -> scaledSum(dnn, k)) instanceof OneDnnCall call) {
      call.run(y, x, y);
    } else {
      scale(beta, y);
      axpy(alpha, x, y);
    }
  }

  /** The shape and scalars of an {@code axpby} primitive. */
  private record ScaledSum(float alpha, float beta, long length) {}

  /**
   * oneDNN's {@code beta·src0 + alpha·src1} into {@code dst} (which may be {@code src0}); declined where oneDNN
   * has only its reference implementation.
   */
  private static AutoCloseable scaledSum(OneDnn dnn, ScaledSum s) {
    try (memory.desc flat = OneDnn.floats(memory.format_tag.a, s.length());
        binary.desc desc = new binary.desc(algorithm.binary_add, flat, flat, flat);
        primitive_attr attributes = new primitive_attr()) {
      attributes.set_scales(DNNL_ARG_SRC_0, 0, new float[] {s.beta()});
      attributes.set_scales(DNNL_ARG_SRC_1, 0, new float[] {s.alpha()});
      try (binary.primitive_desc made = new binary.primitive_desc(desc, attributes, dnn.cpu)) {
        if (made.impl_info_str().getString().startsWith("ref")) {
          return OneDnn.DECLINED;
        }
        return new OneDnnCall(dnn, new binary(made)).in(DNNL_ARG_SRC_0, flat).in(DNNL_ARG_SRC_1, flat)
            .out(DNNL_ARG_DST, flat);
      }
    }
  }

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
   * of both signs add up to +∞). OpenBLAS splits it across its threads, where its {@code dot} runs on one: on
   * 10M floats, 0.5 ms against 1.0 ms, which makes it the cheaper check for NaN.
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
