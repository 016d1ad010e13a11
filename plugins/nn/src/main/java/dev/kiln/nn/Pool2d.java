package dev.kiln.nn;

import dev.kiln.api.KilnException;
import dev.kiln.autograd.Tensor;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Max or average pooling over {@code k × k} windows of NCHW batches, with stride {@code s} (the kernel size by
 * default, as PyTorch) and zero padding {@code p}:
 * <pre>
 *   max:  y[n, c, i, j] = max_{u, v < k} x[n, c, s·i + u − p, s·j + v − p]      ∂x = g routed to each argmax
 *   avg:  y[n, c, i, j] = (1/k²) Σ_{u, v < k} x[n, c, s·i + u − p, s·j + v − p]   ∂x = g/k² spread over the window
 * </pre>
 * (the average counts padded zeros, PyTorch's {@code count_include_pad=True}). ND4J's {@code maxpool2d},
 * {@code avgpool2d} and their {@code _bp} ops do the work.
 *
 * <p>Reference: PyTorch 1.13 {@code torch.nn.MaxPool2d} and {@code torch.nn.AvgPool2d}; Goodfellow, Bengio,
 * Courville, "Deep Learning", MIT Press 2016, §9.3.
 */
public final class Pool2d implements Layer {
  private final boolean max;
  private final int kernel;
  private final int stride;
  private final int padding;

  private Pool2d(boolean max, int kernel, int stride, int padding) {
    if (kernel < 1 || stride < 1 || padding < 0 || 2 * padding > kernel) {
      throw new KilnException((max ? "max" : "avg") + "-pool: kernel " + kernel + ", stride " + stride + ", padding "
          + padding + " are invalid; need kernel, stride >= 1 and 0 <= padding <= kernel / 2");
    }
    this.max = max;
    this.kernel = kernel;
    this.stride = stride;
    this.padding = padding;
  }

  /** Max pooling with a {@code kernel × kernel} window. */
  public static Pool2d max(int kernel, int stride, int padding) {
    return new Pool2d(true, kernel, stride, padding);
  }

  /** Average pooling with a {@code kernel × kernel} window, padded zeros counted. */
  public static Pool2d average(int kernel, int stride, int padding) {
    return new Pool2d(false, kernel, stride, padding);
  }

  @Override
  public Tensor forward(Tensor x, boolean training) {
    if (x.rank() != 4 || x.size(2) + 2L * padding < kernel || x.size(3) + 2L * padding < kernel) {
      throw new KilnException((max ? "max" : "avg") + "-pool with a " + kernel + "x" + kernel + " window takes images "
          + "[n, channels, height, width] at least that large, got shape " + Arrays.toString(x.shape()));
    }
    String op = max ? "maxpool2d" : "avgpool2d";
    // int args: kH, kW, sH, sW, pH, pW, dH, dW, same-mode, extra (avg: 1 counts padding), NHWC
    int[] args = {kernel, kernel, stride, stride, padding, padding, 1, 1, 0, max ? 0 : 1, 0};
    INDArray y = Nd4j.exec(DynamicCustomOp.builder(op).addInputs(x.value()).addIntegerArguments(args).build())[0];
    return Tensor.result(op, y, g -> x.accumulateGrad(Nd4j.exec(DynamicCustomOp.builder(op + "_bp")
        .addInputs(x.value(), g).addIntegerArguments(args).build())[0]), x);
  }
}
