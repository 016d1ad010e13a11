package dev.kiln.kernels;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Element-wise maths that ND4J's CPU build runs an order of magnitude slower than PyTorch, run in oneDNN's
 * vectorised kernels instead.
 *
 * <p>libnd4j's {@code sqrt} computes one scalar root per element (17.5 ms on 10 million floats here, 2
 * cores); oneDNN's {@code eltwise_sqrt}, from the library ND4J's CPU backend already bundles, takes 1.4–2.2 ms
 * and rounds every element the same way (IEEE 754 square roots are correctly rounded in both). A call on a
 * small array costs under a microsecond against ND4J's four.
 *
 * <p>oneDNN serves float32 arrays on the CPU backend whose elements are contiguous in the same order; every
 * other case (float64, strided views, the CUDA backend, a machine where oneDNN fails to load) runs ND4J's own
 * op, with the same results.
 *
 * <p>Source: oneDNN developer guide, "Eltwise" primitive ({@code dnnl::eltwise_forward}, algorithm
 * {@code eltwise_sqrt}), <a href="https://oneapi-src.github.io/oneDNN/v2.5/dev_guide_eltwise.html">v2.5</a>.
 */
public final class Eltwise {
  private Eltwise() {}

  /** {@code out := √x}, element by element; {@code out} may be {@code x}. */
  public static void sqrt(INDArray x, INDArray out) {
    if (!OneDnn.sqrt(x, out)) {
      Nd4j.exec(new Sqrt(x, out));
    }
  }

  /**
   * Whether oneDNN can run on {@code x} and {@code out} as flat buffers: both float32 with the same length, each
   * contiguous, laid out in the same order.
   */
  static boolean flatFloats(INDArray x, INDArray out) {
    return x.dataType() == DataType.FLOAT && out.dataType() == DataType.FLOAT && x.length() == out.length()
        && contiguous(x) && contiguous(out) && (x.ordering() == out.ordering() || x.rank() <= 1 && out.rank() <= 1);
  }

  private static boolean contiguous(INDArray a) {
    return a.length() == 1 || a.elementWiseStride() == 1;
  }
}
