package dev.kiln.nn;

import dev.kiln.api.KilnException;
import dev.kiln.autograd.Shapes;
import dev.kiln.autograd.Tensor;
import dev.kiln.kernels.Eltwise;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Activation functions on the autograd, each one ND4J op forward and a hand-written backward, with
 * upstream gradient {@code g}:
 * <pre>
 *   sigmoid   σ(x) = 1 / (1 + e⁻ˣ)                   ∂x = g·σ(1 − σ)
 *   relu      max(x, 0)                              ∂x = g·[x > 0]
 *   leakyRelu x if x > 0 else a·x                    ∂x = g·(x > 0 ? 1 : a)
 *   tanh      tanh x                                 ∂x = g·(1 − tanh² x)
 *   softmax   sᵢ = e^(xᵢ/T) / Σⱼ e^(xⱼ/T)              ∂x = s·(g − Σ g·s) / T
 *   logSoftmax lᵢ = xᵢ − log Σⱼ e^(xⱼ)                  ∂x = g − softmax(x)·Σ g
 *   glu       a·σ(b), [a, b] = halves of x            (composed from slice, sigmoid and mul)
 *   silu      x·σ(x)                                 ∂x = g·σ(1 + x(1 − σ))
 *   gelu      x·Φ(x) = x/2·(1 + erf(x/√2))            ∂x = g·(Φ(x) + x·φ(x)),  φ(x) = e^(−x²/2)/√(2π)
 * </pre>
 * softmax, logSoftmax and glu work along one axis (negative counts from the end).
 *
 * <p>Reference: PyTorch 1.13 {@code torch.nn.functional} (sigmoid, relu, leaky_relu, tanh, softmax,
 * log_softmax, glu, silu, gelu with approximate='none'); Hendrycks and Gimpel, "Gaussian Error Linear Units",
 * 2016; Dauphin et al., "Language modeling with gated convolutional networks", ICML 2017 (GLU); Elfwing et
 * al., "Sigmoid-weighted linear units", 2018 (SiLU).
 */
public final class Activations {
  private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

  private Activations() {}

  public static Tensor sigmoid(Tensor x) {
    INDArray s = Transforms.sigmoid(x.value(), true);
    return Tensor.result("sigmoid", s, g -> x.accumulateGrad(s.rsub(1).muli(s).muli(g)), x);
  }

  public static Tensor relu(Tensor x) {
    INDArray y = x.value().ulike();
    Eltwise.relu(x.value(), y);
    return Tensor.result("relu", y, g -> {
      INDArray dx = g.ulike();
      Eltwise.reluBackward(y, g, dx);
      x.accumulateGrad(dx);
    }, x);
  }

  public static Tensor leakyRelu(Tensor x, double slope) {
    return Tensor.result("leaky-relu", Transforms.leakyRelu(x.value(), slope, true), g -> x.accumulateGrad(
        x.value().gt(0).castTo(x.dataType()).muli(1 - slope).addi(slope).muli(g)), x);
  }

  public static Tensor tanh(Tensor x) {
    INDArray t = Transforms.tanh(x.value(), true);
    return Tensor.result("tanh", t, g -> x.accumulateGrad(t.mul(t).rsubi(1).muli(g)), x);
  }

  /** The softmax along {@code axis} of {@code x / temperature}. */
  public static Tensor softmax(Tensor x, int axis, double temperature) {
    if (!(temperature > 0)) {
      throw new KilnException("softmax temperature " + temperature + " must be > 0 (1 is the plain softmax)");
    }
    int dim = Math.floorMod(axis, x.rank());
    INDArray scaled = temperature == 1 ? x.value() : x.value().div(temperature);
    INDArray s = Nd4j.exec(DynamicCustomOp.builder("softmax").addInputs(scaled).addIntegerArguments(dim)
        .build())[0];
    return Tensor.result("softmax", s, g -> {
      INDArray dot = g.mul(s).sum(true, dim);
      x.accumulateGrad(g.sub(dot).muli(s).divi(temperature));
    }, x);
  }

  /** The logarithm of the softmax along {@code axis}, computed stably. */
  public static Tensor logSoftmax(Tensor x, int axis) {
    int dim = Math.floorMod(axis, x.rank());
    INDArray l = logSoftmax(x.value(), dim);
    return Tensor.result("log-softmax", l, g -> x.accumulateGrad(
        Transforms.exp(l, true).muli(g.sum(true, dim)).rsubi(g)), x);
  }

  static INDArray logSoftmax(INDArray x, int dim) {
    return Nd4j.exec(DynamicCustomOp.builder("log_softmax").addInputs(x).addIntegerArguments(dim).build())[0];
  }

  /** The gated linear unit: the first half of {@code axis} times the sigmoid of the second half. */
  public static Tensor glu(Tensor x, int axis) {
    int dim = Math.floorMod(axis, x.rank());
    long size = x.size(dim);
    if (size % 2 != 0) {
      throw new KilnException("glu halves axis " + axis + " of shape " + java.util.Arrays.toString(x.shape())
          + ", which has odd size " + size + "; give it an even size");
    }
    return Shapes.slice(x, dim, 0, size / 2).mul(sigmoid(Shapes.slice(x, dim, size / 2, size)));
  }

  public static Tensor silu(Tensor x) {
    INDArray s = Transforms.sigmoid(x.value(), true);
    return Tensor.result("silu", x.value().mul(s), g -> x.accumulateGrad(
        s.rsub(1).muli(x.value()).addi(1).muli(s).muli(g)), x);
  }

  /** The exact GELU (PyTorch's default, {@code approximate='none'}). */
  public static Tensor gelu(Tensor x) {
    INDArray phi = Nd4j.exec(new Erf(x.value().mul(Math.sqrt(0.5)))).addi(1).muli(0.5);   // Φ(x)
    return Tensor.result("gelu", x.value().mul(phi), g -> {
      INDArray density = Transforms.exp(x.value().mul(x.value()).muli(-0.5), false).muli(INV_SQRT_2PI);
      x.accumulateGrad(density.muli(x.value()).addi(phi).muli(g));
    }, x);
  }
}
