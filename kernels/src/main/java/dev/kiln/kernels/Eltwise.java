package dev.kiln.kernels;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;

import org.bytedeco.dnnl.eltwise_backward;
import org.bytedeco.dnnl.eltwise_forward;
import org.bytedeco.dnnl.global.dnnl.algorithm;
import org.bytedeco.dnnl.global.dnnl.prop_kind;
import org.bytedeco.dnnl.memory;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Element-wise maths in oneDNN's vectorised kernels, where ND4J's CPU build is slow: libnd4j's {@code sqrt}
 * takes one scalar root per element (17.5 ms on 10 million floats here, 2 cores; oneDNN 1.4–2.2 ms), and on
 * the small arrays of a training step each ND4J op costs 10–70 µs of overhead ({@code relu} on a
 * {@code [128, 256]} batch: 64 µs; oneDNN: 2 µs).
 * <pre>
 *   sqrt          out = √x                          (correctly rounded, as IEEE 754 and libnd4j's)
 *   exp           out = eˣ                          (oneDNN's polynomial, within 2 ulp)
 *   relu          out = max(x, 0)
 *   reluBackward  out = g · [y > 0],  y = relu(x)   (the output serves: y > 0 exactly where x > 0)
 * </pre>
 * oneDNN serves float32 arrays on the CPU backend whose elements are contiguous in the same order; every
 * other case (float64, strided views, the CUDA backend, a machine where oneDNN fails to load) runs ND4J's own
 * ops. {@code out} may be an input.
 *
 * <p>Source: oneDNN developer guide, "Eltwise" primitive
 * (<a href="https://oneapi-src.github.io/oneDNN/v2.5/dev_guide_eltwise.html">v2.5</a>).
 */
public final class Eltwise {
  private Eltwise() {}

  /** {@code out := √x}. */
  public static void sqrt(INDArray x, INDArray out) {
    if (!forward(algorithm.eltwise_sqrt, x, out)) {
      Nd4j.exec(new Sqrt(x, out));
    }
  }

  /** {@code out := eˣ}. */
  public static void exp(INDArray x, INDArray out) {
    if (!forward(algorithm.eltwise_exp, x, out)) {
      Nd4j.exec(new Exp(x, out));
    }
  }

  /** {@code out := max(x, 0)}. */
  public static void relu(INDArray x, INDArray out) {
    if (!forward(algorithm.eltwise_relu, x, out)) {
      Nd4j.exec(new RectifiedLinear(x, out, 0.0));
    }
  }

  /** {@code out := g · [y > 0]}: the gradient through {@code y = relu(x)}. */
  public static void reluBackward(INDArray y, INDArray g, INDArray out) {
    OneDnn dnn = OneDnn.get();
    if (dnn != null && flatFloats(y, g) && flatFloats(g, out) && dnn.cached(new Key(
        algorithm.eltwise_relu_use_dst_for_bwd.value, true, y.length()), k -> reluBackward(dnn, k.length()))
        instanceof OneDnnCall call) {
      call.run(y, g, out);
    } else {
      Nd4j.exec(new MulOp(Transforms.step(y, true), g, out));
    }
  }

  private static OneDnnCall reluBackward(OneDnn dnn, long length) {
    try (memory.desc flat = OneDnn.floats(memory.format_tag.a, length);
        eltwise_forward.desc hintDesc = new eltwise_forward.desc(prop_kind.forward_training,
            algorithm.eltwise_relu_use_dst_for_bwd, flat, 0f, 0f);
        eltwise_forward.primitive_desc hint = new eltwise_forward.primitive_desc(hintDesc, dnn.cpu);
        eltwise_backward.desc desc = new eltwise_backward.desc(algorithm.eltwise_relu_use_dst_for_bwd, flat, flat,
            0f, 0f);
        eltwise_backward.primitive_desc made = new eltwise_backward.primitive_desc(desc, dnn.cpu, hint)) {
      return new OneDnnCall(dnn, new eltwise_backward(made))
          .in(DNNL_ARG_DST, flat).in(DNNL_ARG_DIFF_DST, flat).out(DNNL_ARG_DIFF_SRC, flat);
    }
  }

  /** Runs a forward element-wise {@code op} in oneDNN, or returns false where it cannot take the arrays. */
  private static boolean forward(algorithm op, INDArray x, INDArray out) {
    OneDnn dnn = OneDnn.get();
    if (dnn == null || !flatFloats(x, out)) {
      return false;
    }
    AutoCloseable made = dnn.cached(new Key(op.value, false, x.length()), k -> {
      try (memory.desc flat = OneDnn.floats(memory.format_tag.a, k.length());
          eltwise_forward.desc desc = new eltwise_forward.desc(prop_kind.forward_inference, op, flat, 0f, 0f);
          eltwise_forward.primitive_desc primitive = new eltwise_forward.primitive_desc(desc, dnn.cpu)) {
        return new OneDnnCall(dnn, new eltwise_forward(primitive)).in(DNNL_ARG_SRC, flat).out(DNNL_ARG_DST, flat);
      }
    });
    if (made instanceof OneDnnCall call) {
      call.run(x, out);
      return true;
    }
    return false;
  }

  /**
   * Whether oneDNN can run on {@code x} and {@code out} as flat buffers: both float32 with the same, non-zero
   * length, each contiguous, laid out in the same order.
   */
  static boolean flatFloats(INDArray x, INDArray out) {
    return x.dataType() == DataType.FLOAT && out.dataType() == DataType.FLOAT && x.length() == out.length()
        && x.length() > 0
        && contiguous(x) && contiguous(out) && (x.ordering() == out.ordering() || x.rank() <= 1 && out.rank() <= 1);
  }

  private static boolean contiguous(INDArray a) {
    return a.length() == 1 || a.elementWiseStride() == 1;
  }

  private record Key(int algorithm, boolean backward, long length) {}
}
