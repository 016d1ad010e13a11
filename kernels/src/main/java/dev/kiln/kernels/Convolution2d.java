package dev.kiln.kernels;

import dev.kiln.api.KilnException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A 2-D convolution's forward pass and gradients over NCHW batches, with weights {@code [out, in, kH, kW]}
 * and bias {@code [out]}:
 * <pre>
 *   y[n, o, i, j] = b[o] + Σ_{c, u, v} W[o, c, u, v] · x[n, c, s·i + d·u − p, s·j + d·v − p]
 *   H_out = ⌊(H + 2p − d(k − 1) − 1) / s⌋ + 1
 * </pre>
 * with stride {@code s}, zero padding {@code p} on every side and dilation {@code d}. The gradients are
 * {@code ∂x} (the transposed convolution of the output gradient {@code g}), {@code ∂W = Σ_n g ⋆ x} and
 * {@code ∂b = Σ g}.
 *
 * <p>Float32 arrays on the CPU backend run in oneDNN's JIT kernels through primitives made once per shape
 * ({@link OneDnnConvolution}), and only the gradients asked for are computed; ND4J's {@code conv2d} op makes
 * its oneDNN primitive again on every call (LeNet's first layer, batch 64: 860 µs forward against 150, and
 * {@code conv2d_bp} always computes {@code ∂x} too). Everything else (float64, other backends) runs ND4J's
 * {@code conv2d} and {@code conv2d_bp}; both give the same results.
 *
 * <p>Source: oneDNN developer guide, "Convolution"
 * (<a href="https://oneapi-src.github.io/oneDNN/v2.5/dev_guide_convolution.html">v2.5</a>); Dumoulin and
 * Visin, "A guide to convolution arithmetic for deep learning", 2016.
 *
 * @param stride the step between windows, at least 1
 * @param padding the zeros added on every side, at least 0
 * @param dilation the step between a window's taps, at least 1
 */
public record Convolution2d(int stride, int padding, int dilation) {
  public Convolution2d {
    if (stride < 1 || padding < 0 || dilation < 1) {
      throw new KilnException("conv2d: stride " + stride + ", padding " + padding + ", dilation "
          + dilation + " are invalid; need stride >= 1, padding >= 0, dilation >= 1");
    }
  }

  /** The gradients of a convolution's input (null when not asked for), weights and bias. */
  public record Gradients(INDArray input, INDArray weight, INDArray bias) {}

  /** {@code x [n, in, H, W]} convolved with {@code w [out, in, kH, kW]}, plus {@code b [out]}. */
  public INDArray forward(INDArray x, INDArray w, INDArray b) {
    OneDnn dnn = OneDnn.get();
    OneDnnConvolution.Shape shape = shape(x, w);
    if (dnn == null || !floats(x, w, b) || !shape.fitsOneDnn()) {
      return exec(DynamicCustomOp.builder("conv2d").addInputs(x, w, b).addIntegerArguments(nd4jArguments(w))
          .build())[0];
    }
    INDArray y = Nd4j.createUninitialized(DataType.FLOAT, shape.n(), shape.out(), shape.outHeight(), shape.outWidth());
    primitives(dnn, shape).forward(OneDnn.plain(x), OneDnn.plain(w), OneDnn.plain(b), y);
    return y;
  }

  /**
   * The gradients from the output gradient {@code g} of {@link #forward}{@code (x, w, b)}; the input's only
   * when {@code inputGradient} (a first layer, on data, needs none).
   */
  public Gradients backward(INDArray x, INDArray w, INDArray b, INDArray g, boolean inputGradient) {
    OneDnn dnn = OneDnn.get();
    OneDnnConvolution.Shape shape = shape(x, w);
    if (dnn == null || !floats(x, w, b, g) || !shape.fitsOneDnn()) {
      INDArray[] grads = exec(DynamicCustomOp.builder("conv2d_bp").addInputs(x, w, b, g)
          .addIntegerArguments(nd4jArguments(w)).build());
      return new Gradients(inputGradient ? grads[0] : null, grads[1], grads[2]);
    }
    INDArray dw = Nd4j.createUninitialized(DataType.FLOAT, w.shape());
    INDArray db = Nd4j.createUninitialized(DataType.FLOAT, b.shape());
    INDArray dx = inputGradient ? Nd4j.createUninitialized(DataType.FLOAT, x.shape()) : null;
    OneDnnConvolution primitives = primitives(dnn, shape);
    INDArray output = OneDnn.plain(g);
    primitives.weightGradient(OneDnn.plain(x), output, dw, db);
    if (inputGradient) {
      primitives.inputGradient(output, OneDnn.plain(w), dx);
    }
    return new Gradients(dx, dw, db);
  }

  private OneDnnConvolution.Shape shape(INDArray x, INDArray w) {
    return new OneDnnConvolution.Shape(x.size(0), x.size(1), x.size(2), x.size(3), w.size(0), w.size(2), w.size(3),
        stride, padding, dilation);
  }

  private static OneDnnConvolution primitives(OneDnn dnn, OneDnnConvolution.Shape shape) {
    return dnn.cached(shape, s -> new OneDnnConvolution(dnn, s));
  }

  private static boolean floats(INDArray... arrays) {
    for (INDArray a : arrays) {
      if (a.dataType() != DataType.FLOAT) {
        return false;
      }
    }
    return true;
  }


  /** ND4J's integer arguments: kernel, stride, padding, dilation, "same" off, NCHW, weights [out, in, kH, kW]. */
  private int[] nd4jArguments(INDArray w) {
    return new int[] {(int) w.size(2), (int) w.size(3), stride, stride, padding, padding, dilation, dilation, 0, 0, 1};
  }

  /**
   * Runs an ND4J convolution op. ND4J 1.0.0-M2.1's oneDNN path rejects dilated convolutions ("could not create
   * a descriptor for a dilated convolution"), so those run on ND4J's own kernels, with helpers off for the call.
   */
  private INDArray[] exec(DynamicCustomOp op) {
    if (dilation == 1) {
      return Nd4j.exec(op);
    }
    boolean helpers = Nd4j.getEnvironment().helpersAllowed();
    Nd4j.getEnvironment().allowHelpers(false);
    try {
      return Nd4j.exec(op);
    } finally {
      Nd4j.getEnvironment().allowHelpers(helpers);
    }
  }
}
