package dev.kiln.nn;

import dev.kiln.api.KilnException;
import dev.kiln.api.Option;
import dev.kiln.api.Params;
import dev.kiln.api.Schema;
import java.util.List;

/**
 * The options of {@link Cnn}, validated on construction; the defaults are LeNet-5 for 28×28 grey images.
 *
 * @param input the shape of one image, {@code [channels, height, width]}; rows of the data hold it flattened
 * @param filters the output channels of each convolution
 * @param kernel the square kernel size of every convolution
 * @param padding the zero padding of each convolution (one value for all, or one per convolution)
 * @param pool the square window (and stride) of the pooling after each convolution; 0 for none
 * @param poolType {@code max} or {@code avg}
 * @param dense the sizes of the hidden dense layers after flattening
 * @param activation the activation after each convolution and hidden dense layer
 * @param dropout the dropout probability after each hidden dense activation
 * @param batchNorm whether a 2-D batch normalisation follows each convolution (before its activation)
 * @param loss {@code cross-entropy} (classify) or {@code mse} (regress)
 * @param dtype {@code float32} or {@code float64}
 */
public record CnnOptions(List<Integer> input, List<Integer> filters, int kernel, List<Integer> padding, int pool,
    String poolType, List<Integer> dense, String activation, double dropout, boolean batchNorm, String loss,
    String dtype) {
  static final Option<List<Integer>> INPUT = Option.integers("input", List.of(1, 28, 28),
      "shape of one image [channels, height, width]; each data row holds one image flattened").min(1);
  static final Option<List<Integer>> FILTERS = Option.integers("filters", List.of(6, 16),
      "output channels of each convolution").min(1);
  static final Option<Integer> KERNEL = Option.integer("kernel", 5, "square kernel size of the convolutions").min(1);
  static final Option<List<Integer>> PADDING = Option.integers("padding", List.of(2, 0),
      "zero padding of each convolution: one value for all or one per convolution").min(0);
  static final Option<Integer> POOL = Option.integer("pool", 2,
      "pooling window and stride after each convolution; 0 for no pooling").min(0);
  static final Option<String> POOL_TYPE = Option.choice("poolType", "max", "pooling kind", "max", "avg");
  static final Option<List<Integer>> DENSE = Option.integers("dense", List.of(120, 84),
      "sizes of the hidden dense layers after flattening").min(1);
  static final Option<String> ACTIVATION = Option.choice("activation", "relu",
      "activation after each convolution and hidden dense layer", Activation.HIDDEN.toArray(String[]::new));
  static final Option<Double> DROPOUT = Option.real("dropout", 0,
      "dropout probability after each hidden dense activation").min(0).max(0.99);
  static final Option<Boolean> BATCH_NORM = Option.flag("batchNorm", false,
      "batch normalisation after each convolution, before its activation");

  /** The schema of {@code cnn}'s options. */
  static final Schema SCHEMA = Schema.of(INPUT, FILTERS, KERNEL, PADDING, POOL, POOL_TYPE, DENSE, ACTIVATION, DROPOUT,
      BATCH_NORM, Network.LOSS, Network.DTYPE);

  public CnnOptions {
    input = List.copyOf(INPUT.check(input));
    filters = List.copyOf(FILTERS.check(filters));
    KERNEL.check(kernel);
    padding = List.copyOf(PADDING.check(padding));
    POOL.check(pool);
    POOL_TYPE.check(poolType);
    dense = List.copyOf(DENSE.check(dense));
    ACTIVATION.check(activation);
    DROPOUT.check(dropout);
    BATCH_NORM.check(batchNorm);
    Network.LOSS.check(loss);
    Network.DTYPE.check(dtype);
    if (input.size() != 3) {
      throw new KilnException("cnn: input " + input + " must be [channels, height, width]");
    }
    if (filters.isEmpty()) {
      throw new KilnException("cnn: filters is empty; give the output channels of at least one convolution, such as "
          + "[6, 16] (for no convolutions use mlp)");
    }
    if (padding.size() != 1 && padding.size() != filters.size()) {
      throw new KilnException("cnn: padding " + padding + " needs one value or one per convolution ("
          + filters.size() + ")");
    }
  }

  /** The padding of convolution {@code i}. */
  int paddingOf(int i) {
    return padding.get(padding.size() == 1 ? 0 : i);
  }

  /** LeNet-5 for 1×28×28 images. */
  public static CnnOptions defaults() {
    return from(SCHEMA.defaults());
  }

  /** The options in validated {@code params} of {@link #SCHEMA}. */
  public static CnnOptions from(Params params) {
    return new CnnOptions(params.get(INPUT), params.get(FILTERS), params.get(KERNEL), params.get(PADDING),
        params.get(POOL), params.get(POOL_TYPE), params.get(DENSE), params.get(ACTIVATION), params.get(DROPOUT),
        params.get(BATCH_NORM), params.get(Network.LOSS), params.get(Network.DTYPE));
  }
}
