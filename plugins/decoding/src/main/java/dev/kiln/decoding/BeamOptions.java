package dev.kiln.decoding;

import dev.kiln.api.Option;
import dev.kiln.api.Params;
import dev.kiln.api.Schema;

/**
 * The options of {@link BeamSearch}, validated on construction.
 *
 * @param beams the generations kept at each step, {@code >= 1} (1 is greedy decoding)
 * @param lengthPenalty α in {@code log P / L^α}: above 0 favours longer generations, below 0 shorter ones
 * @param earlyStopping stop as soon as {@code beams} generations are finished
 */
public record BeamOptions(int beams, double lengthPenalty, boolean earlyStopping) {
  static final Option<Integer> BEAMS = Option.integer("beams", 4, "generations kept at each step").min(1);
  static final Option<Double> LENGTH_PENALTY = Option.real("lengthPenalty", 1.0,
      "alpha in log P / length^alpha: above 0 favours longer generations, below 0 shorter ones");
  static final Option<Boolean> EARLY_STOPPING = Option.flag("earlyStopping", false,
      "stop as soon as 'beams' generations are finished");

  /** The schema of {@code beam}'s options. */
  static final Schema SCHEMA = Schema.of(BEAMS, LENGTH_PENALTY, EARLY_STOPPING);

  public BeamOptions {
    BEAMS.check(beams);
    LENGTH_PENALTY.check(lengthPenalty);
  }

  /** The options in validated {@code params} of {@link #SCHEMA}. */
  public static BeamOptions from(Params params) {
    return new BeamOptions(params.get(BEAMS), params.get(LENGTH_PENALTY), params.get(EARLY_STOPPING));
  }
}
