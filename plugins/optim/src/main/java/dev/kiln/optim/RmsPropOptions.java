package dev.kiln.optim;

import dev.kiln.api.Option;
import dev.kiln.api.Params;
import dev.kiln.api.Schema;

/**
 * The options of {@link RmsProp}, with PyTorch's defaults, validated on construction.
 *
 * @param lr the learning rate η, {@code > 0}; 0.01
 * @param alpha the decay α of the running averages, {@code >= 0}; 0.99
 * @param eps the term ε added to the root, {@code >= 0}; 1e-8
 * @param weightDecay the L2 penalty λ added to the gradient, {@code >= 0}; 0
 * @param momentum the momentum μ of the step buffer, {@code >= 0}; 0 turns it off
 * @param centered divide by the root of the variance (the mean square less the squared mean gradient)
 */
public record RmsPropOptions(double lr, double alpha, double eps, double weightDecay, double momentum,
    boolean centered) {
  static final Option<Double> LR = Option.real("lr", 0.01, "learning rate").positive();
  static final Option<Double> ALPHA = Option.real("alpha", 0.99, "decay of the running mean of squared gradients")
      .min(0);
  static final Option<Double> EPS = Option.real("eps", 1e-8, "added to the root, for stability").min(0);
  static final Option<Double> WEIGHT_DECAY = Option.real("weightDecay", 0,
      "L2 penalty: weightDecay * parameter is added to the gradient").min(0);
  static final Option<Double> MOMENTUM = Option.real("momentum", 0, "momentum factor; 0 turns it off").min(0);
  static final Option<Boolean> CENTERED = Option.flag("centered", false,
      "normalise by the estimated variance of the gradient instead of its mean square");

  /** The schema of {@code rmsprop}'s options, then the {@link StepOptions} every optimizer shares. */
  static final Schema SCHEMA = StepOptions.schema(LR, ALPHA, EPS, WEIGHT_DECAY, MOMENTUM, CENTERED);

  public RmsPropOptions {
    LR.check(lr);
    ALPHA.check(alpha);
    EPS.check(eps);
    WEIGHT_DECAY.check(weightDecay);
    MOMENTUM.check(momentum);
    CENTERED.check(centered);
  }

  /** The options in validated {@code params} of {@link #SCHEMA}. */
  public static RmsPropOptions from(Params params) {
    return new RmsPropOptions(params.get(LR), params.get(ALPHA), params.get(EPS), params.get(WEIGHT_DECAY),
        params.get(MOMENTUM), params.get(CENTERED));
  }
}
