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
 * Layer normalisation over the last axis (of size {@code D}), the same in training and evaluation:
 * <pre>
 *   μ = mean x,  σ² = mean (x − μ)²,  x̂ = (x − μ)/√(σ² + ε),  y = γ·x̂ + β          (per row)
 *   ∂γ = Σ_rows g·x̂,  ∂β = Σ_rows g,  ∂x = 1/(D·√(σ² + ε)) · (D·ĝ − Σ ĝ − x̂·Σ ĝ·x̂),  ĝ = g·γ
 * </pre>
 * γ starts at 1 and β at 0.
 *
 * <p>Reference: Ba, Kiros, Hinton, "Layer normalization", 2016; PyTorch 1.13 {@code torch.nn.LayerNorm}.
 */
public final class LayerNorm implements Layer {
  private final Parameter gamma;
  private final Parameter beta;
  private final double epsilon;

  /** Layer normalisation of the last axis of size {@code size}. */
  public LayerNorm(int size, double epsilon, DataType type) {
    if (!(epsilon > 0)) {
      throw new KilnException("layer norm: epsilon " + epsilon + " must be > 0");
    }
    this.gamma = new Parameter("weight", Nd4j.ones(type, size));
    this.beta = new Parameter("bias", Nd4j.zeros(type, size));
    this.epsilon = epsilon;
  }

  @Override
  public Tensor forward(Tensor x, boolean training) {
    long d = gamma.value().length();
    int last = x.rank() - 1;
    if (x.rank() < 2 || x.size(last) != d) {
      throw new KilnException("layer norm over " + d + " features takes [n, ..., " + d + "], got shape "
          + Arrays.toString(x.shape()));
    }
    INDArray centred = x.value().sub(x.value().mean(true, last));
    INDArray invStd = Transforms.pow(centred.mul(centred).mean(true, last).addi(epsilon), -0.5, false);
    INDArray xHat = centred.muli(invStd);
    Tensor w = Tensor.of(gamma);
    Tensor b = Tensor.of(beta);
    int[] rows = IntStream.range(0, last).toArray();
    INDArray y = xHat.mul(gamma.value()).addi(beta.value());
    return Tensor.result("layer-norm", y, g -> {
      w.accumulateGrad(g.mul(xHat).sum(rows).reshape(d));
      b.accumulateGrad(g.sum(rows).reshape(d));
      if (x.requiresGrad()) {
        INDArray gHat = g.mul(gamma.value());
        INDArray sum = gHat.sum(true, last);
        INDArray dot = gHat.mul(xHat).sum(true, last);
        x.accumulateGrad(gHat.muli(d).subi(sum).subi(xHat.mul(dot)).muli(invStd).divi(d));
      }
    }, x, w, b);
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(gamma, beta);
  }
}
