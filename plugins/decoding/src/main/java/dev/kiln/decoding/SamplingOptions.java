package dev.kiln.decoding;

import dev.kiln.api.Option;
import dev.kiln.api.Params;
import dev.kiln.api.Schema;

/**
 * The options of {@link Sampling}, validated on construction.
 *
 * @param temperature divides the logits, {@code > 0}: below 1 sharpens the distribution, above 1 flattens it
 * @param topK sample among the {@code k} most probable tokens only (ties with the k-th stay); 0 keeps all
 * @param topP sample among the fewest most probable tokens whose probabilities sum to at least this, in (0, 1]
 */
public record SamplingOptions(double temperature, int topK, double topP) {
  static final Option<Double> TEMPERATURE = Option.real("temperature", 1.0,
      "divides the logits: below 1 sharpens the distribution, above 1 flattens it").positive();
  static final Option<Integer> TOP_K = Option.integer("topK", 0,
      "sample among the k most probable tokens only; 0 keeps all").min(0);
  static final Option<Double> TOP_P = Option.real("topP", 1.0,
      "sample among the fewest most probable tokens whose probabilities sum to at least topP").positive().max(1);

  /** The schema of {@code sample}'s options. */
  static final Schema SCHEMA = Schema.of(TEMPERATURE, TOP_K, TOP_P);

  public SamplingOptions {
    TEMPERATURE.check(temperature);
    TOP_K.check(topK);
    TOP_P.check(topP);
  }

  /** The options in validated {@code params} of {@link #SCHEMA}. */
  public static SamplingOptions from(Params params) {
    return new SamplingOptions(params.get(TEMPERATURE), params.get(TOP_K), params.get(TOP_P));
  }
}
