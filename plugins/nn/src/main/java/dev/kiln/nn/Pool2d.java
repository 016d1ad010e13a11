package dev.kiln.nn;

import dev.kiln.autograd.Tensor;
import dev.kiln.kernels.Pooling2d;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A max or average pooling layer over {@code k × k} windows of NCHW batches, with stride {@code s} (the kernel
 * size by default, as PyTorch) and zero padding {@code p}:
 * <pre>
 *   max:  y[n, c, i, j] = max_{u, v < k} x[n, c, s·i + u − p, s·j + v − p]      ∂x = g routed to each argmax
 *   avg:  y[n, c, i, j] = (1/k²) Σ_{u, v < k} x[n, c, s·i + u − p, s·j + v − p]   ∂x = g/k² over the window
 * </pre>
 * (the average counts padded zeros, PyTorch's {@code count_include_pad=True}). {@link Pooling2d} does the work
 * (oneDNN's pooling for float32 on the CPU, ND4J's {@code maxpool2d}/{@code avgpool2d} ops otherwise).
 *
 * <p>Reference: PyTorch 1.13 {@code torch.nn.MaxPool2d} and {@code torch.nn.AvgPool2d}; Goodfellow, Bengio,
 * Courville, "Deep Learning", MIT Press 2016, §9.3.
 */
public final class Pool2d implements Layer {
  private final Pooling2d pooling;

  private Pool2d(boolean max, int kernel, int stride, int padding) {
    this.pooling = new Pooling2d(max, kernel, stride, padding);
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
    INDArray y = pooling.forward(x.value());   // the kernel names shapes the window does not fit
    return Tensor.result(pooling.max() ? "maxpool2d" : "avgpool2d", y,
        g -> x.accumulateGrad(pooling.backward(x.value(), g)), x);
  }
}
