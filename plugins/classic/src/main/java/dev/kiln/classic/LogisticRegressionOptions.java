package dev.kiln.classic;

import dev.kiln.api.Option;
import dev.kiln.api.Params;
import dev.kiln.api.Schema;

/**
 * The options of {@link LogisticRegression}, validated on construction; the defaults are scikit-learn 1.2's.
 *
 * @param c the inverse regularisation strength {@code C > 0}: the penalty is {@code ||W||² / (2C)} on the
 *     summed loss (scikit-learn's {@code C}, default 1)
 * @param penalty {@code l2} or {@code none}
 * @param fitIntercept whether to fit the intercepts {@code b} (never penalised)
 * @param maxIter the most L-BFGS iterations (default 100)
 * @param tol L-BFGS stops when every gradient component of the summed objective is at most {@code tol}
 */
public record LogisticRegressionOptions(double c, String penalty, boolean fitIntercept, int maxIter, double tol) {
  static final Option<Double> C = Option.real("c", 1.0,
      "inverse regularisation strength C: minimise sum of losses + ||W||^2 / (2C) (sklearn C)").positive();
  static final Option<String> PENALTY = Option.choice("penalty", "l2", "l2 penalty on the weights, or none",
      "l2", "none");
  static final Option<Boolean> FIT_INTERCEPT = Option.flag("fitIntercept", true,
      "fit the intercepts b (not penalised); false fits a model through the origin");
  static final Option<Integer> MAX_ITER = Option.integer("maxIter", 100,
      "most L-BFGS iterations (used when fit gets no optimizer)").min(1);
  static final Option<Double> TOL = Option.real("tol", 1e-4,
      "L-BFGS stops when max |gradient| of the summed objective is at most tol (sklearn tol)").positive();

  /** The schema of {@code logistic-regression}'s options. */
  static final Schema SCHEMA = Schema.of(C, PENALTY, FIT_INTERCEPT, MAX_ITER, TOL);

  public LogisticRegressionOptions {
    C.check(c);
    PENALTY.check(penalty);
    FIT_INTERCEPT.check(fitIntercept);
    MAX_ITER.check(maxIter);
    TOL.check(tol);
  }

  /** scikit-learn's defaults: C = 1, L2, with intercepts, 100 iterations, tol 1e-4. */
  public static LogisticRegressionOptions defaults() {
    return new LogisticRegressionOptions(1, "l2", true, 100, 1e-4);
  }

  /** The options in validated {@code params} of {@link #SCHEMA}. */
  public static LogisticRegressionOptions from(Params params) {
    return new LogisticRegressionOptions(params.get(C), params.get(PENALTY), params.get(FIT_INTERCEPT),
        params.get(MAX_ITER), params.get(TOL));
  }

  /** The weight of {@code ||W||²} in the summed objective: {@code 1/(2C)}, or 0 without a penalty. */
  double l2() {
    return penalty.equals("l2") ? 1 / (2 * c) : 0;
  }
}
