package dev.kiln.kernels;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WORKSPACE;

import org.bytedeco.dnnl.global.dnnl.algorithm;
import org.bytedeco.dnnl.global.dnnl.prop_kind;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.pooling_backward;
import org.bytedeco.dnnl.pooling_forward;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One pooling shape's oneDNN primitives on NCHW arrays (JIT kernels for plain layouts), made once and cached
 * per thread by {@link OneDnn}. Max pooling's backward needs the forward's record of each window's maximum (its
 * workspace): the backward recomputes the forward into this object's workspace first, so that it depends on no
 * earlier call (two layers of one shape may interleave).
 */
final class OneDnnPooling extends OneDnnResources {
  /** Batch, channels, image, output size, and the window geometry. */
  record Shape(boolean max, long n, long channels, long height, long width, long outHeight, long outWidth,
      int kernel, int stride, int padding) {
    /** The padding after the last row and column that makes oneDNN's output size the one above. */
    long[] paddingAfter() {
      return new long[] {(outHeight - 1) * stride + kernel - height - padding,
          (outWidth - 1) * stride + kernel - width - padding};
    }
  }

  private final boolean max;
  private final OneDnnCall forward;
  private final OneDnnCall backward;

  OneDnnPooling(OneDnn dnn, Shape s) {
    this.max = s.max();
    memory.desc source = own(OneDnn.floats(memory.format_tag.nchw, s.n(), s.channels(), s.height(), s.width()));
    memory.desc output = own(OneDnn.floats(memory.format_tag.nchw, s.n(), s.channels(), s.outHeight(),
        s.outWidth()));
    long[] window = {s.kernel(), s.kernel()};
    long[] strides = {s.stride(), s.stride()};
    long[] before = {s.padding(), s.padding()};
    long[] after = s.paddingAfter();
    algorithm kind = s.max() ? algorithm.pooling_max : algorithm.pooling_avg_include_padding;
    try (pooling_forward.desc desc = new pooling_forward.desc(prop_kind.forward_training, kind, source, output,
        strides, window, before, after);
        pooling_backward.desc backDesc = new pooling_backward.desc(kind, source, output, strides, window, before,
            after)) {
      pooling_forward.primitive_desc made = own(new pooling_forward.primitive_desc(desc, dnn.cpu));
      pooling_backward.primitive_desc back = own(new pooling_backward.primitive_desc(backDesc, dnn.cpu, made));
      forward = own(new OneDnnCall(dnn, new pooling_forward(made))).in(DNNL_ARG_SRC, source)
          .out(DNNL_ARG_DST, output);
      backward = own(new OneDnnCall(dnn, new pooling_backward(back))).in(DNNL_ARG_DIFF_DST, output)
          .out(DNNL_ARG_DIFF_SRC, source);
      if (s.max()) {
        memory workspace = own(new memory(made.workspace_desc(), dnn.cpu));
        forward.always(DNNL_ARG_WORKSPACE, workspace);
        backward.always(DNNL_ARG_WORKSPACE, workspace);
      }
    }
  }

  /** Whether oneDNN takes this shape: the output size must come from non-negative padding after the image. */
  static boolean fits(Shape s) {
    long[] after = s.paddingAfter();
    return after[0] >= 0 && after[1] >= 0;
  }

  /** {@code y :=} the pooled {@code x}. */
  void forward(INDArray x, INDArray y) {
    forward.run(x, y);
  }

  /** {@code dx :=} the gradient through pooling {@code x}, from the output gradient {@code g}; {@code y} is scratch. */
  void backward(INDArray x, INDArray y, INDArray g, INDArray dx) {
    if (max) {   // regenerate the workspace: where each of x's windows has its maximum
      forward.run(x, y);
    }
    backward.run(g, dx);
  }
}
