package dev.kiln.nn;

import dev.kiln.api.train.Parameter;
import dev.kiln.autograd.Tensor;
import dev.kiln.kernels.Convolution2d;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A 2-D convolution layer (cross-correlation, as in every deep-learning library) over NCHW batches, with
 * weights {@code W [out, in, kH, kW]} and bias {@code b [out]}:
 * <pre>
 *   y[n, o, i, j] = b[o] + Σ_{c, u, v} W[o, c, u, v] · x[n, c, s·i + d·u − p, s·j + d·v − p]
 *   H_out = ⌊(H + 2p − d(k − 1) − 1) / s⌋ + 1
 * </pre>
 * with stride {@code s}, zero padding {@code p} and dilation {@code d}. Forward and backward are
 * {@link Convolution2d}'s (oneDNN's JIT kernels for float32 on the CPU, ND4J's {@code conv2d} ops otherwise),
 * which give {@code ∂x} (the transposed convolution of {@code g}) only when {@code x} needs it: a first layer
 * on data gets {@code ∂W = Σ_n g ⋆ x} and {@code ∂b = Σ g} alone. Initialised as PyTorch's
 * {@code nn.Conv2d}: {@code W, b ~ U(−1/√fan_in, 1/√fan_in)}, {@code fan_in = in·kH·kW}.
 *
 * <p>Reference: Dumoulin and Visin, "A guide to convolution arithmetic for deep learning", 2016; PyTorch 1.13
 * {@code torch.nn.Conv2d}.
 */
public final class Conv2d implements Layer {
  private final Parameter weight;
  private final Parameter bias;
  private final Convolution2d convolution;

  /** A convolution from {@code in} to {@code out} channels with a square {@code kernel}, from {@code random}. */
  public Conv2d(int in, int out, int kernel, int stride, int padding, int dilation, SplittableRandom random,
      DataType type) {
    this(new Parameter("weight", Init.fanIn(random, (long) in * kernel * kernel, type, out, in, kernel, kernel)),
        new Parameter("bias", Init.fanIn(random, (long) in * kernel * kernel, type, out)), stride, padding, dilation);
  }

  /** A convolution over existing weights {@code [out, in, kH, kW]} and bias {@code [out]}. */
  public Conv2d(INDArray weight, INDArray bias, int stride, int padding, int dilation) {
    this(new Parameter("weight", weight), new Parameter("bias", bias), stride, padding, dilation);
  }

  private Conv2d(Parameter weight, Parameter bias, int stride, int padding, int dilation) {
    this.convolution = new Convolution2d(stride, padding, dilation);
    this.weight = weight;
    this.bias = bias;
  }

  @Override
  public Tensor forward(Tensor x, boolean training) {
    return conv2d(x, Tensor.of(weight), Tensor.of(bias), convolution);   // the kernel names shapes that do not fit
  }

  /** The convolution of {@code x [n, in, H, W]} by {@code w [out, in, kH, kW]} plus {@code b [out]}. */
  static Tensor conv2d(Tensor x, Tensor w, Tensor b, int stride, int padding, int dilation) {
    return conv2d(x, w, b, new Convolution2d(stride, padding, dilation));
  }

  private static Tensor conv2d(Tensor x, Tensor w, Tensor b, Convolution2d convolution) {
    INDArray y = convolution.forward(x.value(), w.value(), b.value());
    return Tensor.result("conv2d", y, g -> {
      Convolution2d.Gradients grads = convolution.backward(x.value(), w.value(), b.value(), g, x.requiresGrad());
      if (x.requiresGrad()) {
        x.accumulateGrad(grads.input());
      }
      if (w.requiresGrad()) {
        w.accumulateGrad(grads.weight());
      }
      if (b.requiresGrad()) {
        b.accumulateGrad(grads.bias());
      }
    }, x, w, b);
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(weight, bias);
  }
}
