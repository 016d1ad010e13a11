package dev.kiln.nlp;

import dev.kiln.api.Option;
import dev.kiln.api.Params;
import dev.kiln.api.Schema;

/**
 * The options of {@link Bigram}, validated on construction.
 *
 * @param vocabSize the number of token ids V; 0 infers it at fit as the largest id seen plus one
 * @param smoothing the add-k pseudo-count of the counting fit, {@code >= 0} (1 is Laplace smoothing)
 */
public record BigramOptions(int vocabSize, double smoothing) {
  static final Option<Integer> VOCAB_SIZE = Option.integer("vocabSize", 0,
      "number of token ids V; 0 infers it at fit as the largest id seen + 1").min(0);
  static final Option<Double> SMOOTHING = Option.real("smoothing", 1.0,
      "add-k pseudo-count for the counting fit (no optimizer): P(b|a) = (count(a b) + k) / (count(a) + kV)")
      .min(0);

  /** The schema of {@code bigram}'s options. */
  static final Schema SCHEMA = Schema.of(VOCAB_SIZE, SMOOTHING);

  public BigramOptions {
    VOCAB_SIZE.check(vocabSize);
    SMOOTHING.check(smoothing);
  }

  /** Vocabulary inferred at fit, Laplace (add-one) smoothing. */
  public static BigramOptions defaults() {
    return new BigramOptions(0, 1.0);
  }

  /** The options in validated {@code params} of {@link #SCHEMA}. */
  public static BigramOptions from(Params params) {
    return new BigramOptions(params.get(VOCAB_SIZE), params.get(SMOOTHING));
  }
}
