package dev.kiln.nn;

import dev.kiln.api.KilnException;
import dev.kiln.api.train.Parameter;
import dev.kiln.autograd.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Root-mean-square normalisation over the last axis (of size {@code D}): layer normalisation without the
 * centring and the bias,
 * <pre>
 *   r = (mean x² + ε)^(−1/2),  y = γ·x·r                                           (per row)
 *   ∂γ = Σ_rows g·x·r,   ∂x = r·ĝ − x·r³·mean(ĝ·x),  ĝ = g·γ
 * </pre>
 * γ starts at 1.
 *
 * <p>Reference: Zhang and Sennrich, "Root mean square layer normalization", NeurIPS 2019; the formula of
 * PyTorch's {@code torch.nn.RMSNorm} (added in 2.4, after the 1.13 the tests compare with, where it is
 * written out with autograd ops).
 */
public final class RmsNorm implements Layer {
  private final Parameter gamma;
  private final double epsilon;

  /** RMS normalisation of the last axis of size {@code size}. */
  public RmsNorm(int size, double epsilon, DataType type) {
    if (!(epsilon > 0)) {
      throw new KilnException("rms norm: epsilon " + epsilon + " must be > 0");
    }
    this.gamma = new Parameter("weight", Nd4j.ones(type, size));
    this.epsilon = epsilon;
  }

  @Override
  public Tensor forward(Tensor x, boolean training) {
    long d = gamma.value().length();
    int last = x.rank() - 1;
    if (x.rank() < 2 || x.size(last) != d) {
      throw new KilnException("rms norm over " + d + " features takes [n, ..., " + d + "], got shape "
          + Arrays.toString(x.shape()));
    }
    INDArray r = Transforms.pow(x.value().mul(x.value()).mean(true, last).addi(epsilon), -0.5, false);
    INDArray normalised = x.value().mul(r);
    Tensor w = Tensor.of(gamma);
    int[] rows = IntStream.range(0, last).toArray();
    return Tensor.result("rms-norm", normalised.mul(gamma.value()), g -> {
      w.accumulateGrad(g.mul(normalised).sum(rows).reshape(d));
      if (x.requiresGrad()) {
        INDArray gHat = g.mul(gamma.value());
        INDArray meanDot = gHat.mul(x.value()).mean(true, last);
        x.accumulateGrad(gHat.muli(r).subi(x.value().mul(Transforms.pow(r, 3, true)).muli(meanDot)));
      }
    }, x, w);
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(gamma);
  }
}
