package dev.kiln.kernels;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;

import org.bytedeco.dnnl.convolution_backward_data;
import org.bytedeco.dnnl.convolution_backward_weights;
import org.bytedeco.dnnl.convolution_forward;
import org.bytedeco.dnnl.global.dnnl.algorithm;
import org.bytedeco.dnnl.global.dnnl.prop_kind;
import org.bytedeco.dnnl.memory;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One convolution shape's oneDNN primitives (forward, and on first use the weight and the input gradient),
 * made once and cached by {@link OneDnn}. Each primitive picks its own memory layouts ({@code format_tag::any}:
 * channel-blocked for the JIT kernels); the caller's NCHW arrays are reordered into them and back on each
 * call, which costs far less than the GEMM-based kernels plain layouts would get (LeNet's first layer,
 * batch 64: 150 µs forward against 410).
 */
final class OneDnnConvolution extends OneDnnResources {
  /** The shape of a convolution: batch, channels in, image, channels out, kernel, and the geometry. */
  record Shape(long n, long channels, long height, long width, long out, long kernelHeight, long kernelWidth,
      int stride, int padding, int dilation) {
    long outHeight() {
      return (height + 2L * padding - (long) dilation * (kernelHeight - 1) - 1) / stride + 1;
    }

    long outWidth() {
      return (width + 2L * padding - (long) dilation * (kernelWidth - 1) - 1) / stride + 1;
    }

    /**
     * Whether oneDNN takes this shape: its output size must come from non-negative padding after the last row
     * and column (with a stride that skips the image's last rows, the floor above drops them instead).
     */
    boolean fitsOneDnn() {
      long[] after = paddingAfter();
      return after[0] >= 0 && after[1] >= 0;
    }

    /**
     * About the bytes of the buffers the primitives keep for reordered images and gradients: channel-blocked
     * (by 16) input and output, twice.
     */
    long bufferBytes() {
      return 2L * Float.BYTES * n * (blocked(channels) * height * width + blocked(out) * outHeight() * outWidth());
    }

    private static long blocked(long channels) {
      return (channels + 15) / 16 * 16;
    }

    /** The padding after the last row and column that makes oneDNN's output size the floor above. */
    long[] paddingAfter() {
      return new long[] {(outHeight() - 1) * stride + (long) dilation * (kernelHeight - 1) + 1 - height - padding,
          (outWidth() - 1) * stride + (long) dilation * (kernelWidth - 1) + 1 - width - padding};
    }
  }

  private final OneDnn dnn;
  private final memory.desc source;
  private final memory.desc weights;
  private final memory.desc bias;
  private final memory.desc output;
  private final memory.desc anySource;
  private final memory.desc anyWeights;
  private final memory.desc anyOutput;
  private final long[] strides;
  private final long[] dilations;
  private final long[] before;
  private final long[] after;
  private final convolution_forward.primitive_desc forwardDesc;
  private final OneDnnCall forward;
  private OneDnnCall weightGradient;
  private OneDnnCall inputGradient;

  OneDnnConvolution(OneDnn dnn, Shape s) {
    this.dnn = dnn;
    long[] sourceDims = {s.n(), s.channels(), s.height(), s.width()};
    long[] weightDims = {s.out(), s.channels(), s.kernelHeight(), s.kernelWidth()};
    long[] outputDims = {s.n(), s.out(), s.outHeight(), s.outWidth()};
    source = own(OneDnn.floats(memory.format_tag.nchw, sourceDims));
    weights = own(OneDnn.floats(memory.format_tag.oihw, weightDims));
    bias = own(OneDnn.floats(memory.format_tag.a, s.out()));
    output = own(OneDnn.floats(memory.format_tag.nchw, outputDims));
    anySource = own(OneDnn.floats(memory.format_tag.any, sourceDims));
    anyWeights = own(OneDnn.floats(memory.format_tag.any, weightDims));
    anyOutput = own(OneDnn.floats(memory.format_tag.any, outputDims));
    strides = new long[] {s.stride(), s.stride()};
    dilations = new long[] {s.dilation() - 1, s.dilation() - 1};   // oneDNN counts the gaps: 0 is dense
    before = new long[] {s.padding(), s.padding()};
    after = s.paddingAfter();
    try (convolution_forward.desc desc = new convolution_forward.desc(prop_kind.forward_training,
        algorithm.convolution_direct, anySource, anyWeights, bias, anyOutput, strides, dilations, before,
        after)) {
      forwardDesc = own(new convolution_forward.primitive_desc(desc, dnn.cpu));
    }
    forward = own(new OneDnnCall(dnn, new convolution_forward(forwardDesc)))
        .in(DNNL_ARG_SRC, source, forwardDesc.src_desc())
        .in(DNNL_ARG_WEIGHTS, weights, forwardDesc.weights_desc())
        .in(DNNL_ARG_BIAS, bias)
        .out(DNNL_ARG_DST, output, forwardDesc.dst_desc());
  }

  /** {@code y := x ⋆ w + b}. */
  void forward(INDArray x, INDArray w, INDArray b, INDArray y) {
    forward.run(x, w, b, y);
  }

  /** {@code dw := ∂L/∂w}, {@code db := ∂L/∂b} from the input {@code x} and the output gradient {@code g}. */
  void weightGradient(INDArray x, INDArray g, INDArray dw, INDArray db) {
    if (weightGradient == null) {
      try (convolution_backward_weights.desc desc = new convolution_backward_weights.desc(
          algorithm.convolution_direct, anySource, anyWeights, bias, anyOutput, strides, dilations, before,
          after);
          convolution_backward_weights.primitive_desc made = new convolution_backward_weights.primitive_desc(desc,
              dnn.cpu, forwardDesc)) {
        weightGradient = own(new OneDnnCall(dnn, new convolution_backward_weights(made)))
            .in(DNNL_ARG_SRC, source, made.src_desc())
            .in(DNNL_ARG_DIFF_DST, output, made.diff_dst_desc())
            .out(DNNL_ARG_DIFF_WEIGHTS, weights, made.diff_weights_desc())
            .out(DNNL_ARG_DIFF_BIAS, bias);
      }
    }
    weightGradient.run(x, g, dw, db);
  }

  /** {@code dx := ∂L/∂x} from the output gradient {@code g} and the weights {@code w}. */
  void inputGradient(INDArray g, INDArray w, INDArray dx) {
    if (inputGradient == null) {
      try (convolution_backward_data.desc desc = new convolution_backward_data.desc(algorithm.convolution_direct,
          anySource, anyWeights, anyOutput, strides, dilations, before, after);
          convolution_backward_data.primitive_desc made = new convolution_backward_data.primitive_desc(desc,
              dnn.cpu, forwardDesc)) {
        inputGradient = own(new OneDnnCall(dnn, new convolution_backward_data(made)))
            .in(DNNL_ARG_DIFF_DST, output, made.diff_dst_desc())
            .in(DNNL_ARG_WEIGHTS, weights, made.weights_desc())
            .out(DNNL_ARG_DIFF_SRC, source, made.diff_src_desc());
      }
    }
    inputGradient.run(g, w, dx);
  }
}
