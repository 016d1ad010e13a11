package dev.kiln.nn;

import dev.kiln.api.KilnException;
import dev.kiln.api.train.Parameter;
import dev.kiln.autograd.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A 2-D convolution (cross-correlation, as in every deep-learning library) over NCHW batches, with weights
 * {@code W [out, in, kH, kW]} and bias {@code b [out]}:
 * <pre>
 *   y[n, o, i, j] = b[o] + Σ_{c, u, v} W[o, c, u, v] · x[n, c, s·i + d·u − p, s·j + d·v − p]
 *   H_out = ⌊(H + 2p − d(k − 1) − 1) / s⌋ + 1
 * </pre>
 * with stride {@code s}, zero padding {@code p} and dilation {@code d}. Forward and backward are ND4J's
 * {@code conv2d} and {@code conv2d_bp} ops (oneDNN kernels on the CPU backend), which give
 * {@code ∂x} (the transposed convolution of {@code g}), {@code ∂W = Σ_n g ⋆ x} and {@code ∂b = Σ g} in one call;
 * when {@code x} needs no gradient (a first layer on data), {@code ∂W} alone is one forward convolution.
 * Initialised as PyTorch's {@code nn.Conv2d}: {@code W, b ~ U(−1/√fan_in, 1/√fan_in)}, {@code fan_in = in·kH·kW}.
 *
 * <p>Reference: Dumoulin and Visin, "A guide to convolution arithmetic for deep learning", 2016; PyTorch 1.13
 * {@code torch.nn.Conv2d}; ND4J {@code conv2d}/{@code conv2d_bp} (libnd4j {@code convo/conv2d.cpp}).
 */
public final class Conv2d implements Layer {
  private final Parameter weight;
  private final Parameter bias;
  private final int stride;
  private final int padding;
  private final int dilation;

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
    if (stride < 1 || padding < 0 || dilation < 1) {
      throw new KilnException("conv2d: stride " + stride + ", padding " + padding + ", dilation " + dilation
          + " are invalid; need stride >= 1, padding >= 0, dilation >= 1");
    }
    this.weight = weight;
    this.bias = bias;
    this.stride = stride;
    this.padding = padding;
    this.dilation = dilation;
  }

  @Override
  public Tensor forward(Tensor x, boolean training) {
    long[] w = weight.value().shape();
    if (x.rank() != 4 || x.size(1) != w[1]) {
      throw new KilnException("conv2d takes images [n, " + w[1] + ", height, width], got shape "
          + Arrays.toString(x.shape()));
    }
    long height = x.size(2) + 2L * padding - (long) dilation * (w[2] - 1) - 1;
    long width = x.size(3) + 2L * padding - (long) dilation * (w[3] - 1) - 1;
    if (height < 0 || width < 0) {
      throw new KilnException("conv2d: a " + w[2] + "x" + w[3] + " kernel (dilation " + dilation + ") does not fit "
          + "images of " + x.size(2) + "x" + x.size(3) + " with padding " + padding
          + "; pad more or use a smaller kernel");
    }
    return conv2d(x, Tensor.of(weight), Tensor.of(bias), stride, padding, dilation);
  }

  /** The convolution of {@code x [n, in, H, W]} by {@code w [out, in, kH, kW]} plus {@code b [out]}. */
  static Tensor conv2d(Tensor x, Tensor w, Tensor b, int stride, int padding, int dilation) {
    int[] args = {(int) w.size(2), (int) w.size(3), stride, stride, padding, padding, dilation, dilation, 0, 0, 1};
    INDArray y = exec(DynamicCustomOp.builder("conv2d").addInputs(x.value(), w.value(), b.value())
        .addIntegerArguments(args).build(), dilation)[0];
    return Tensor.result("conv2d", y, g -> {
      if (!x.requiresGrad() && stride == 1 && dilation == 1) {
        w.accumulateGrad(weightGradient(x.value(), g, w.shape(), padding));
        b.accumulateGrad(channelSums(g));
        return;
      }
      INDArray[] grads = exec(DynamicCustomOp.builder("conv2d_bp")
          .addInputs(x.value(), w.value(), b.value(), g).addIntegerArguments(args).build(), dilation);
      Tensor[] inputs = {x, w, b};
      for (int i = 0; i < 3; i++) {
        if (inputs[i].requiresGrad()) {
          inputs[i].accumulateGrad(grads[i]);
        }
      }
    }, x, w, b);
  }

  /**
   * {@code ∂W[o, c, u, v] = Σ_{n, i, j} g[n, o, i, j]·x[n, c, i + u − p, j + v − p]} (stride and dilation 1)
   * as one forward convolution: the batch axis becomes the channel axis, {@code x → [C, N, H, W]} convolved
   * with the kernels {@code g → [O, N, H_out, W_out]} gives {@code [C, O, kH, kW]}. It is what
   * {@code conv2d_bp} computes for the weights, without the input gradient that a first layer (whose input is
   * data) does not need, and about half as long on the oneDNN backend.
   */
  private static INDArray weightGradient(INDArray x, INDArray g, long[] weightShape, int padding) {
    long n = x.size(0);
    long channels = x.size(1);
    INDArray input = channels == 1 ? x.reshape('c', 1, n, x.size(2), x.size(3)) : x.permute(1, 0, 2, 3).dup('c');
    INDArray kernels = g.permute(1, 0, 2, 3).dup('c');
    INDArray dw = Nd4j.exec(DynamicCustomOp.builder("conv2d").addInputs(input, kernels)
        .addIntegerArguments((int) g.size(2), (int) g.size(3), 1, 1, padding, padding, 1, 1, 0, 0, 1).build())[0];
    return channels == 1 ? dw.reshape('c', weightShape) : dw.permute(1, 0, 2, 3).dup('c');
  }

  /**
   * {@code Σ_{n, i, j} g[n, c, i, j]} for each channel {@code c}: two GEMMs with columns of ones, half the time
   * of ND4J's reduction over axes 0, 2 and 3 on a LeNet batch.
   */
  private static INDArray channelSums(INDArray g) {
    long n = g.size(0);
    long channels = g.size(1);
    long positions = g.size(2) * g.size(3);
    INDArray perPosition = Nd4j.gemm(Ones.column(g.dataType(), n), g.reshape('c', n, channels * positions), true,
        false);
    return Nd4j.gemm(perPosition.reshape('c', channels, positions), Ones.column(g.dataType(), positions), false,
        false).reshape(channels);
  }

  /**
   * Runs a convolution op. ND4J 1.0.0-M2.1's oneDNN path rejects dilated convolutions ("could not create a
   * descriptor for a dilated convolution"), so those run on ND4J's own kernels, with helpers off for the call.
   */
  private static INDArray[] exec(DynamicCustomOp op, int dilation) {
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

  @Override
  public List<Parameter> parameters() {
    return List.of(weight, bias);
  }
}
