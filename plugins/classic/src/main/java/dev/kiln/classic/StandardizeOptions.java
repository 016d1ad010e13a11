package dev.kiln.classic;

import dev.kiln.api.Option;
import dev.kiln.api.Params;
import dev.kiln.api.Schema;

/**
 * The options of {@link Standardize}, scikit-learn's {@code with_mean} and {@code with_std}.
 *
 * @param withMean subtract each feature's mean
 * @param withStd divide by each feature's standard deviation
 */
public record StandardizeOptions(boolean withMean, boolean withStd) {
  static final Option<Boolean> WITH_MEAN = Option.flag("withMean", true, "subtract each feature's mean");
  static final Option<Boolean> WITH_STD = Option.flag("withStd", true,
      "divide by each feature's standard deviation (population, ddof 0; constant features keep scale 1)");

  /** The schema of {@code standardize}'s options. */
  static final Schema SCHEMA = Schema.of(WITH_MEAN, WITH_STD);

  public StandardizeOptions {
    WITH_MEAN.check(withMean);
    WITH_STD.check(withStd);
  }

  /** The options in validated {@code params} of {@link #SCHEMA}. */
  public static StandardizeOptions from(Params params) {
    return new StandardizeOptions(params.get(WITH_MEAN), params.get(WITH_STD));
  }
}
