package dev.kiln.classic;

import dev.kiln.api.KilnException;
import dev.kiln.api.Option;
import dev.kiln.api.Params;
import dev.kiln.api.Schema;

/**
 * The options of {@link MinMaxScaler}: the target range {@code [min, max]} (scikit-learn's
 * {@code feature_range}), with {@code min < max}.
 *
 * @param min the value the smallest training value of each feature maps to
 * @param max the value the largest training value of each feature maps to
 */
public record MinMaxOptions(double min, double max) {
  static final Option<Double> MIN = Option.real("min", 0, "lower end of the target range (sklearn feature_range[0])");
  static final Option<Double> MAX = Option.real("max", 1, "upper end of the target range (sklearn feature_range[1])");

  /** The schema of {@code min-max}'s options. */
  static final Schema SCHEMA = Schema.of(MIN, MAX);

  public MinMaxOptions {
    MIN.check(min);
    MAX.check(max);
    if (!(min < max)) {
      throw new KilnException("min-max: the target range [" + min + ", " + max + "] is empty; pass min < max, "
          + "such as {min: 0, max: 1}");
    }
  }

  /** The options in validated {@code params} of {@link #SCHEMA}. */
  public static MinMaxOptions from(Params params) {
    return new MinMaxOptions(params.get(MIN), params.get(MAX));
  }
}
