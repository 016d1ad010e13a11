package dev.kiln.nn;

import dev.kiln.api.Option;
import dev.kiln.api.Params;
import dev.kiln.api.Schema;

/**
 * The options of {@link RnnModel}, validated on construction.
 *
 * @param inputSize the features per time step {@code F}; each data row holds {@code T·F} values, step by step
 * @param hidden the hidden units {@code H} of each recurrent layer
 * @param layers the number of stacked recurrent layers
 * @param dropout the dropout probability between stacked layers and before the output layer
 * @param loss {@code cross-entropy} (classify sequences) or {@code mse} (regress)
 * @param dtype {@code float32} or {@code float64}
 */
public record RnnOptions(int inputSize, int hidden, int layers, double dropout, String loss, String dtype) {
  static final Option<Integer> INPUT_SIZE = Option.integer("inputSize", 1,
      "features per time step; each data row holds steps x inputSize values, one step after the other").min(1);
  static final Option<Integer> HIDDEN = Option.integer("hidden", 64, "hidden units of each recurrent layer").min(1);
  static final Option<Integer> LAYERS = Option.integer("layers", 1, "stacked recurrent layers").min(1);
  static final Option<Double> DROPOUT = Option.real("dropout", 0,
      "dropout probability between stacked layers and before the output layer").min(0).max(0.99);

  /** The schema of {@code rnn}'s options. */
  static final Schema SCHEMA = Schema.of(INPUT_SIZE, HIDDEN, LAYERS, DROPOUT, Network.LOSS, Network.DTYPE);

  public RnnOptions {
    INPUT_SIZE.check(inputSize);
    HIDDEN.check(hidden);
    LAYERS.check(layers);
    DROPOUT.check(dropout);
    Network.LOSS.check(loss);
    Network.DTYPE.check(dtype);
  }

  /** One step feature, 64 hidden units, one layer, cross-entropy, float32. */
  public static RnnOptions defaults() {
    return from(SCHEMA.defaults());
  }

  /** The options in validated {@code params} of {@link #SCHEMA}. */
  public static RnnOptions from(Params params) {
    return new RnnOptions(params.get(INPUT_SIZE), params.get(HIDDEN), params.get(LAYERS), params.get(DROPOUT),
        params.get(Network.LOSS), params.get(Network.DTYPE));
  }
}
