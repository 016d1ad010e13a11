package dev.kiln.classic;

import dev.kiln.api.Option;
import dev.kiln.api.Params;
import dev.kiln.api.Schema;

/**
 * The options of {@link LinearRegression}, validated on construction.
 *
 * @param fitIntercept whether to fit the intercept {@code b}; without it the model passes through the origin
 * @param l2 the ridge penalty α on {@code ||w||²} (scikit-learn's {@code Ridge(alpha)}), {@code >= 0}
 */
public record LinearRegressionOptions(boolean fitIntercept, double l2) {
  static final Option<Boolean> FIT_INTERCEPT = Option.flag("fitIntercept", true,
      "fit the intercept b (centre x and y); false fits a model through the origin");
  static final Option<Double> L2 = Option.real("l2", 0,
      "ridge penalty alpha: minimise ||y - Xw - b||^2 + alpha ||w||^2 (sklearn Ridge); the intercept is not "
          + "penalised").min(0);

  /** The schema of {@code linear-regression}'s options. */
  static final Schema SCHEMA = Schema.of(FIT_INTERCEPT, L2);

  public LinearRegressionOptions {
    FIT_INTERCEPT.check(fitIntercept);
    L2.check(l2);
  }

  /** Ordinary least squares with an intercept. */
  public static LinearRegressionOptions defaults() {
    return new LinearRegressionOptions(true, 0);
  }

  /** The options in validated {@code params} of {@link #SCHEMA}. */
  public static LinearRegressionOptions from(Params params) {
    return new LinearRegressionOptions(params.get(FIT_INTERCEPT), params.get(L2));
  }
}
