package dev.kiln.nn;

import dev.kiln.api.KilnException;
import dev.kiln.api.train.Parameter;
import dev.kiln.autograd.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Batch normalisation over the channel axis 1 of {@code [n, C]} (BatchNorm1d) or {@code [n, C, ...]} such as
 * NCHW images (BatchNorm2d). Per channel, over the {@code m} values of the batch (and positions):
 * <pre>
 *   training:   μ = mean x,  σ² = mean (x − μ)²,  x̂ = (x − μ)/√(σ² + ε),  y = γ·x̂ + β
 *               running μ ← (1 − momentum)·running μ + momentum·μ
 *               running σ² ← (1 − momentum)·running σ² + momentum·σ²·m/(m − 1)     (unbiased)
 *   evaluation: x̂ = (x − running μ)/√(running σ² + ε)
 *   backward:   ∂γ = Σ g·x̂,  ∂β = Σ g,
 *               ∂x = γ/(m·√(σ² + ε)) · (m·g − Σ g − x̂·Σ g·x̂)     (training; evaluation: γ·g/√(σ² + ε))
 * </pre>
 * γ starts at 1, β at 0, the running mean at 0 and the running variance at 1, as in PyTorch.
 *
 * <p>Reference: Ioffe and Szegedy, "Batch normalization: accelerating deep network training by reducing
 * internal covariate shift", ICML 2015; PyTorch 1.13 {@code torch.nn.BatchNorm1d}/{@code BatchNorm2d}.
 */
public final class BatchNorm implements Layer {
  private final Parameter gamma;
  private final Parameter beta;
  private final INDArray runningMean;
  private final INDArray runningVariance;
  private final double momentum;
  private final double epsilon;

  /** Batch normalisation of {@code channels} channels. */
  public BatchNorm(int channels, double momentum, double epsilon, DataType type) {
    if (!(momentum >= 0 && momentum <= 1) || !(epsilon > 0)) {
      throw new KilnException("batch norm: momentum " + momentum + " must be in [0, 1] and epsilon " + epsilon
          + " > 0");
    }
    this.gamma = new Parameter("weight", Nd4j.ones(type, channels));
    this.beta = new Parameter("bias", Nd4j.zeros(type, channels));
    this.runningMean = Nd4j.zeros(type, channels);
    this.runningVariance = Nd4j.ones(type, channels);
    this.momentum = momentum;
    this.epsilon = epsilon;
  }

  @Override
  public Tensor forward(Tensor x, boolean training) {
    long channels = gamma.value().length();
    if (x.rank() < 2 || x.size(1) != channels) {
      throw new KilnException("batch norm over " + channels + " channels takes [n, " + channels + ", ...], got shape "
          + Arrays.toString(x.shape()));
    }
    int[] axes = IntStream.range(0, x.rank()).filter(a -> a != 1).toArray();
    long[] statShape = new long[x.rank()];
    Arrays.fill(statShape, 1);
    statShape[1] = channels;
    long m = x.value().length() / channels;
    if (training && m < 2) {
      throw new KilnException("batch norm needs more than one value per channel while training, got shape "
          + Arrays.toString(x.shape()) + "; use batches of 2 rows or more");
    }
    INDArray mean;
    INDArray variance;
    if (training) {
      mean = x.value().mean(true, axes);
      variance = x.value().sub(mean).muli(x.value().sub(mean)).mean(true, axes);   // biased, for normalising
      runningMean.muli(1 - momentum).addi(mean.reshape(channels).mul(momentum));
      runningVariance.muli(1 - momentum).addi(variance.reshape(channels).mul(momentum * m / (m - 1.0)));
    } else {
      mean = runningMean.reshape(statShape);
      variance = runningVariance.reshape(statShape);
    }
    INDArray invStd = Transforms.pow(variance.add(epsilon), -0.5, false);
    INDArray xHat = x.value().sub(mean).muli(invStd);
    Tensor w = Tensor.of(gamma);
    Tensor b = Tensor.of(beta);
    INDArray g4 = gamma.value().reshape(statShape);
    INDArray y = xHat.mul(g4).addi(beta.value().reshape(statShape));
    return Tensor.result("batch-norm", y, g -> {
      if (w.requiresGrad()) {
        w.accumulateGrad(g.mul(xHat).sum(axes));
        b.accumulateGrad(g.sum(axes));
      }
      if (x.requiresGrad()) {
        INDArray scale = invStd.mul(g4);
        if (!training) {
          x.accumulateGrad(g.mul(scale));
          return;
        }
        INDArray sumG = g.sum(true, axes);
        INDArray sumGx = g.mul(xHat).sum(true, axes);
        x.accumulateGrad(g.mul(m).subi(sumG).subi(xHat.mul(sumGx)).muli(scale).divi(m));
      }
    }, x, w, b);
  }

  /** The running mean, updated in place by each training batch. */
  public INDArray runningMean() {
    return runningMean;
  }

  /** The running (unbiased) variance, updated in place by each training batch. */
  public INDArray runningVariance() {
    return runningVariance;
  }

  /** The running statistics, named as PyTorch's BatchNorm buffers. */
  @Override
  public Map<String, INDArray> buffers() {
    return Map.of("running_mean", runningMean, "running_var", runningVariance);
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(gamma, beta);
  }
}
