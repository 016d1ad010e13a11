package dev.kiln.kernels;

import dev.kiln.api.KilnException;
import java.util.Arrays;
import java.util.function.Function;
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
  /**
   * Checks the geometry once, before any array is seen.
   *
   * @throws KilnException unless {@code stride >= 1}, {@code padding >= 0} and {@code dilation >= 1}
   */
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
    OneDnnConvolution.Shape shape = shape(x, w, b);
    INDArray y = !floats(x, w, b) ? null : withPrimitives(shape, primitives -> {
      INDArray out = Nd4j.createUninitialized(DataType.FLOAT, shape.n(), shape.out(), shape.outHeight(),
          shape.outWidth());
      primitives.forward(OneDnn.plain(x), OneDnn.plain(w), OneDnn.plain(b), out);
      return out;
    });
    return y != null ? y : exec(DynamicCustomOp.builder("conv2d").addInputs(x, w, b)
        .addIntegerArguments(nd4jArguments(w)).build())[0];
  }

  /**
   * The gradients from the output gradient {@code g} of {@link #forward}{@code (x, w, b)}; the input's only
   * when {@code inputGradient} (a first layer, on data, needs none).
   */
  public Gradients backward(INDArray x, INDArray w, INDArray b, INDArray g, boolean inputGradient) {
    OneDnnConvolution.Shape shape = shape(x, w, b);
    long[] output = {shape.n(), shape.out(), shape.outHeight(), shape.outWidth()};
    if (!Arrays.equals(g.shape(), output)) {
      throw new KilnException("conv2d: the output gradient is " + Arrays.toString(g.shape()) + " but the output "
          + "is " + Arrays.toString(output) + "; pass the gradient of this convolution's output");
    }
    Gradients gradients = !floats(x, w, b, g) ? null : withPrimitives(shape, primitives -> {
      INDArray dw = Nd4j.createUninitialized(DataType.FLOAT, w.shape());
      INDArray db = Nd4j.createUninitialized(DataType.FLOAT, b.shape());
      INDArray dx = inputGradient ? Nd4j.createUninitialized(DataType.FLOAT, x.shape()) : null;
      INDArray gradient = OneDnn.plain(g);
      primitives.weightGradient(OneDnn.plain(x), gradient, dw, db);
      if (inputGradient) {
        primitives.inputGradient(gradient, OneDnn.plain(w), dx);
      }
      return new Gradients(dx, dw, db);
    });
    if (gradients != null) {
      return gradients;
    }
    INDArray[] grads = exec(DynamicCustomOp.builder("conv2d_bp").addInputs(x, w, b, g)
        .addIntegerArguments(nd4jArguments(w)).build());
    return new Gradients(inputGradient ? grads[0] : null, grads[1], grads[2]);
  }

  /** The convolution's shape, after checking that {@code x}, {@code w} and {@code b} fit together. */
  private OneDnnConvolution.Shape shape(INDArray x, INDArray w, INDArray b) {
    if (w.rank() != 4 || b.rank() != 1 || b.length() != w.size(0)) {
      throw new KilnException("conv2d takes weights [out, in, kH, kW] and a bias [out], got "
          + Arrays.toString(w.shape()) + " and " + Arrays.toString(b.shape()));
    }
    if (x.rank() != 4 || x.size(1) != w.size(1)) {
      throw new KilnException("conv2d takes images [n, " + w.size(1) + ", height, width], got shape "
          + Arrays.toString(x.shape()));
    }
    OneDnnConvolution.Shape shape = new OneDnnConvolution.Shape(x.size(0), x.size(1), x.size(2), x.size(3),
        w.size(0), w.size(2), w.size(3), stride, padding, dilation);
    if (x.size(2) + 2L * padding < dilation * (w.size(2) - 1) + 1
        || x.size(3) + 2L * padding < dilation * (w.size(3) - 1) + 1) {
      throw new KilnException("conv2d: a " + w.size(2) + "x" + w.size(3) + " kernel (dilation " + dilation
          + ") does not fit images of " + x.size(2) + "x" + x.size(3) + " with padding " + padding
          + "; pad more or use a smaller kernel");
    }
    return shape;
  }

  /**
   * What {@code use} makes of this thread's oneDNN primitives for {@code shape}, or null where ND4J's ops must
   * run; primitives too large to cache are closed after the call.
   */
  private static <T> T withPrimitives(OneDnnConvolution.Shape shape, Function<OneDnnConvolution, T> use) {
    OneDnn dnn = OneDnn.get();
    if (dnn == null || shape.n() == 0 || !shape.fitsOneDnn()) {
      return null;
    }
    return dnn.with(shape, shape.bufferBytes(), OneDnnConvolution.class, s -> new OneDnnConvolution(dnn, s), use);
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
   * a descriptor for a dilated convolution"), so those run on ND4J's own kernels, with its process-wide helpers
   * switch off for the call (one such call at a time).
   */
  private INDArray[] exec(DynamicCustomOp op) {
    if (dilation == 1) {
      return Nd4j.exec(op);
    }
    synchronized (Convolution2d.class) {
      boolean helpers = Nd4j.getEnvironment().helpersAllowed();
      Nd4j.getEnvironment().allowHelpers(false);
      try {
        return Nd4j.exec(op);
      } finally {
        Nd4j.getEnvironment().allowHelpers(helpers);
      }
    }
  }
}
