package dev.kiln.optim;

import dev.kiln.api.Option;
import dev.kiln.api.Params;
import dev.kiln.api.Schema;

/**
 * The options of {@link Adadelta}, with PyTorch's defaults, validated on construction.
 *
 * @param lr the factor η applied to the step, {@code > 0}; 1.0
 * @param rho the decay ρ of both running averages, in [0, 1]; 0.9
 * @param eps the term ε added inside both roots, {@code >= 0}; 1e-6
 * @param weightDecay the L2 penalty λ added to the gradient, {@code >= 0}; 0
 */
public record AdadeltaOptions(double lr, double rho, double eps, double weightDecay) {
  static final Option<Double> LR = Option.real("lr", 1.0, "factor applied to the step").positive();
  static final Option<Double> RHO = Option.real("rho", 0.9,
      "decay of the running averages of squared gradients and squared steps").min(0).max(1);
  static final Option<Double> EPS = Option.real("eps", 1e-6, "added inside both square roots").min(0);
  static final Option<Double> WEIGHT_DECAY = Option.real("weightDecay", 0,
      "L2 penalty: weightDecay * parameter is added to the gradient").min(0);

  /** The schema of {@code adadelta}'s options, then the {@link StepOptions} every optimizer shares. */
  static final Schema SCHEMA = StepOptions.schema(LR, RHO, EPS, WEIGHT_DECAY);

  public AdadeltaOptions {
    LR.check(lr);
    RHO.check(rho);
    EPS.check(eps);
    WEIGHT_DECAY.check(weightDecay);
  }

  /** The options in validated {@code params} of {@link #SCHEMA}. */
  public static AdadeltaOptions from(Params params) {
    return new AdadeltaOptions(params.get(LR), params.get(RHO), params.get(EPS), params.get(WEIGHT_DECAY));
  }
}
