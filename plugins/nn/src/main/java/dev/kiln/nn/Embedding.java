package dev.kiln.nn;

import dev.kiln.api.train.Parameter;
import dev.kiln.autograd.Shapes;
import dev.kiln.autograd.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A lookup table {@code E [count, dim]}: token ids of any shape {@code s} (integer values in {@code [0, count)})
 * become vectors {@code [s..., dim]}; the backward adds each output row's gradient to the row it came from
 * (a scatter-add, so repeated ids accumulate). Initialised {@code N(0, 1)} as PyTorch's {@code nn.Embedding}.
 *
 * <p>Reference: Bengio et al., "A neural probabilistic language model", JMLR 3, 2003; PyTorch 1.13
 * {@code torch.nn.Embedding}.
 */
public final class Embedding implements Layer {
  private final Parameter weight;

  /** A table of {@code count} vectors of {@code dim} values, drawn from {@code random}. */
  public Embedding(int count, int dim, SplittableRandom random, DataType type) {
    this(Init.normal(random, type, count, dim));
  }

  /** A table over existing vectors {@code [count, dim]}. */
  public Embedding(INDArray weight) {
    this.weight = new Parameter("weight", weight);
  }

  /** The vectors of the ids in {@code ids} (its values; ids carry no gradient). */
  @Override
  public Tensor forward(Tensor ids, boolean training) {
    return Shapes.gather(Tensor.of(weight), ids.value());
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(weight);
  }
}
