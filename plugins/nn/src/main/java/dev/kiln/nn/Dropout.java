package dev.kiln.nn;

import dev.kiln.api.KilnException;
import dev.kiln.autograd.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inverted dropout: while training, each element is kept with probability {@code 1 − p} and scaled by
 * {@code 1/(1 − p)}, so the expected output equals the input; in evaluation it is the identity.
 * <pre>
 *   y = x·m,  m = Bernoulli(1 − p) / (1 − p)      ∂x = g·m
 * </pre>
 * The mask is drawn by ND4J's native generator with its own seed, one op per batch.
 *
 * <p>Reference: Srivastava et al., "Dropout: a simple way to prevent neural networks from overfitting", JMLR
 * 15, 2014; PyTorch 1.13 {@code torch.nn.Dropout}.
 */
public final class Dropout implements Layer {
  private final double p;
  private final Random random;

  /** Dropout with drop probability {@code p} in [0, 1), masks drawn from {@code seed}. */
  public Dropout(double p, long seed) {
    if (!(p >= 0 && p < 1)) {
      throw new KilnException("dropout probability " + p + " must be in [0, 1)");
    }
    this.p = p;
    // made here, outside any workspace a training step runs in, so that its state persists between steps
    this.random = Nd4j.getRandomFactory().getNewRandomInstance(seed);
  }

  @Override
  public Tensor forward(Tensor x, boolean training) {
    if (!training || p == 0) {
      return x;
    }
    INDArray mask = x.value().ulike();
    Nd4j.getExecutioner().exec(new BernoulliDistribution(mask, 1 - p), random);
    mask.divi(1 - p);
    return Tensor.result("dropout", x.value().mul(mask), g -> x.accumulateGrad(g.mul(mask)), x);
  }
}
