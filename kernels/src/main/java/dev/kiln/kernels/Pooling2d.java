package dev.kiln.kernels;

import dev.kiln.api.KilnException;
import java.util.Arrays;
import java.util.function.Function;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Max or average pooling over {@code k × k} windows of NCHW batches, with stride {@code s} and zero padding
 * {@code p}, and its gradient:
 * <pre>
 *   max:  y[n, c, i, j] = max_{u, v &lt; k} x[n, c, s·i + u − p, s·j + v − p]      ∂x = g routed to each argmax
 *   avg:  y[n, c, i, j] = (1/k²) Σ_{u, v &lt; k} x[n, c, s·i + u − p, s·j + v − p]   ∂x = g/k² over the window
 *   H_out = ⌊(H + 2p − k) / s⌋ + 1
 * </pre>
 * (the average counts padded zeros, PyTorch's {@code count_include_pad=True}). Float32 arrays on the CPU
 * backend run in oneDNN's pooling primitives, made once per shape ({@link OneDnnPooling}); ND4J's
 * {@code maxpool2d} and {@code avgpool2d} ops (and their {@code _bp}) make theirs on every call (LeNet's first
 * pooling, batch 64: 320 µs forward and 780 backward there, 64 and 150 here) and serve everything else, with the
 * same results.
 *
 * <p>Source: oneDNN developer guide, "Pooling"
 * (<a href="https://oneapi-src.github.io/oneDNN/v2.5/dev_guide_pooling.html">v2.5</a>).
 *
 * @param max max pooling, else average pooling
 * @param kernel the window's side, at least 1
 * @param stride the step between windows, at least 1
 * @param padding the zeros added on every side, from 0 to half the kernel
 */
public record Pooling2d(boolean max, int kernel, int stride, int padding) {
  /**
   * Checks the geometry once, before any array is seen.
   *
   * @throws KilnException unless {@code kernel >= 1}, {@code stride >= 1} and {@code 0 <= padding <= kernel / 2}
   */
  public Pooling2d {
    if (kernel < 1 || stride < 1 || padding < 0 || 2 * padding > kernel) {
      throw new KilnException((max ? "max" : "avg") + "-pool: kernel " + kernel + ", stride " + stride + ", padding "
          + padding + " are invalid; need kernel, stride >= 1 and 0 <= padding <= kernel / 2");
    }
  }

  /** The pooled {@code x [n, c, H, W]}. */
  public INDArray forward(INDArray x) {
    OneDnnPooling.Shape shape = shape(x);
    INDArray y = x.dataType() != DataType.FLOAT ? null : withPrimitives(shape, primitives -> {
      INDArray out = Nd4j.createUninitialized(DataType.FLOAT, shape.n(), shape.channels(), shape.outHeight(),
          shape.outWidth());
      primitives.forward(OneDnn.plain(x), out);
      return out;
    });
    return y != null ? y : Nd4j.exec(DynamicCustomOp.builder(max ? "maxpool2d" : "avgpool2d").addInputs(x)
        .addIntegerArguments(nd4jArguments()).build())[0];
  }

  /** The gradient with respect to {@code x} of pooling it, from the output gradient {@code g}. */
  public INDArray backward(INDArray x, INDArray g) {
    OneDnnPooling.Shape shape = shape(x);
    long[] output = {shape.n(), shape.channels(), shape.outHeight(), shape.outWidth()};
    if (!Arrays.equals(g.shape(), output)) {
      throw new KilnException(name() + ": the output gradient is " + Arrays.toString(g.shape()) + " but the "
          + "output is " + Arrays.toString(output) + "; pass the gradient of this pooling's output");
    }
    INDArray dx = x.dataType() != DataType.FLOAT || g.dataType() != DataType.FLOAT ? null
        : withPrimitives(shape, primitives -> {
          INDArray gradient = Nd4j.createUninitialized(DataType.FLOAT, x.shape());
          primitives.backward(OneDnn.plain(x), Nd4j.createUninitialized(DataType.FLOAT, g.shape()),
              OneDnn.plain(g), gradient);
          return gradient;
        });
    return dx != null ? dx : Nd4j.exec(DynamicCustomOp.builder(max ? "maxpool2d_bp" : "avgpool2d_bp")
        .addInputs(x, g).addIntegerArguments(nd4jArguments()).build())[0];
  }

  /** The pooling's shape, after checking that {@code x} is a batch of images the window fits. */
  private OneDnnPooling.Shape shape(INDArray x) {
    if (x.rank() != 4 || x.size(2) + 2L * padding < kernel || x.size(3) + 2L * padding < kernel) {
      throw new KilnException(name() + " with a " + kernel + "x" + kernel + " window takes images [n, channels, "
          + "height, width] at least that large, got shape " + Arrays.toString(x.shape()));
    }
    long outHeight = (x.size(2) + 2L * padding - kernel) / stride + 1;
    long outWidth = (x.size(3) + 2L * padding - kernel) / stride + 1;
    return new OneDnnPooling.Shape(max, x.size(0), x.size(1), x.size(2), x.size(3), outHeight, outWidth, kernel,
        stride, padding);
  }

  private String name() {
    return max ? "max-pool" : "avg-pool";
  }

  /**
   * What {@code use} makes of this thread's oneDNN primitives for {@code shape}, or null where ND4J's ops must
   * run; primitives too large to cache are closed after the call.
   */
  private static INDArray withPrimitives(OneDnnPooling.Shape shape, Function<OneDnnPooling, INDArray> use) {
    OneDnn dnn = OneDnn.get();
    if (dnn == null || shape.n() == 0 || !OneDnnPooling.fits(shape)) {
      return null;
    }
    // max pooling's workspace: about the size of its output
    long workspace = (long) Float.BYTES * shape.n() * shape.channels() * shape.outHeight() * shape.outWidth();
    return dnn.with(shape, workspace, OneDnnPooling.class, s -> new OneDnnPooling(dnn, s), use);
  }

  /** ND4J's integer arguments: kernel, stride, padding, dilation 1, "same" off, padding counted (avg), NCHW. */
  private int[] nd4jArguments() {
    return new int[] {kernel, kernel, stride, stride, padding, padding, 1, 1, 0, max ? 0 : 1, 0};
  }
}
