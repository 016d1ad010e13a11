package dev.kiln.nn;

import dev.kiln.api.Option;
import dev.kiln.api.Params;
import dev.kiln.api.Schema;
import java.util.List;

/**
 * The options of {@link Mlp}, validated on construction.
 *
 * @param hidden the sizes of the hidden layers, each {@code >= 1}; empty gives a linear model
 * @param activation the activation after each hidden layer (one of {@link Activation#HIDDEN})
 * @param dropout the dropout probability after each hidden activation, in [0, 1)
 * @param loss {@code cross-entropy} (classify) or {@code mse} (regress)
 * @param dtype {@code float32} or {@code float64}
 */
public record MlpOptions(List<Integer> hidden, String activation, double dropout, String loss, String dtype) {
  static final Option<List<Integer>> HIDDEN = Option.integers("hidden", List.of(128),
      "sizes of the hidden layers, e.g. [256, 128]; [] for none").min(1);
  static final Option<String> ACTIVATION = Option.choice("activation", "relu",
      "activation after each hidden layer", Activation.HIDDEN.toArray(String[]::new));
  static final Option<Double> DROPOUT = Option.real("dropout", 0,
      "probability of zeroing each hidden unit while training (inverted dropout)").min(0).max(0.99);

  /** The schema of {@code mlp}'s options. */
  static final Schema SCHEMA = Schema.of(HIDDEN, ACTIVATION, DROPOUT, Network.LOSS, Network.DTYPE);

  public MlpOptions {
    hidden = List.copyOf(HIDDEN.check(hidden));
    ACTIVATION.check(activation);
    DROPOUT.check(dropout);
    Network.LOSS.check(loss);
    Network.DTYPE.check(dtype);
  }

  /** One hidden layer of 128 ReLU units, no dropout, cross-entropy, float32. */
  public static MlpOptions defaults() {
    return from(SCHEMA.defaults());
  }

  /** The options in validated {@code params} of {@link #SCHEMA}. */
  public static MlpOptions from(Params params) {
    return new MlpOptions(params.get(HIDDEN), params.get(ACTIVATION), params.get(DROPOUT), params.get(Network.LOSS),
        params.get(Network.DTYPE));
  }
}
