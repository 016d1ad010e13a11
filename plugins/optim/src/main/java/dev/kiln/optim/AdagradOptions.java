package dev.kiln.optim;

import dev.kiln.api.Option;
import dev.kiln.api.Params;
import dev.kiln.api.Schema;

/**
 * The options of {@link Adagrad}, with PyTorch's defaults, validated on construction.
 *
 * @param lr the learning rate η, {@code > 0}; 0.01
 * @param lrDecay the decay of η over steps, {@code η / (1 + (t − 1) lrDecay)}, {@code >= 0}; 0
 * @param weightDecay the L2 penalty λ added to the gradient, {@code >= 0}; 0
 * @param initialAccumulator the starting value of the sum of squared gradients, {@code >= 0}; 0
 * @param eps the term ε added to the root of the sum, {@code >= 0}; 1e-10
 */
public record AdagradOptions(double lr, double lrDecay, double weightDecay, double initialAccumulator,
    double eps) {
  static final Option<Double> LR = Option.real("lr", 0.01, "learning rate").positive();
  static final Option<Double> LR_DECAY = Option.real("lrDecay", 0,
      "learning-rate decay: step t uses lr / (1 + (t - 1) * lrDecay)").min(0);
  static final Option<Double> WEIGHT_DECAY = Option.real("weightDecay", 0,
      "L2 penalty: weightDecay * parameter is added to the gradient").min(0);
  static final Option<Double> INITIAL_ACCUMULATOR = Option.real("initialAccumulator", 0,
      "starting value of the sum of squared gradients").min(0);
  static final Option<Double> EPS = Option.real("eps", 1e-10, "added to the root of the sum, for stability").min(0);

  /** The schema of {@code adagrad}'s options, then the {@link StepOptions} every optimizer shares. */
  static final Schema SCHEMA = StepOptions.schema(LR, LR_DECAY, WEIGHT_DECAY, INITIAL_ACCUMULATOR, EPS);

  public AdagradOptions {
    LR.check(lr);
    LR_DECAY.check(lrDecay);
    WEIGHT_DECAY.check(weightDecay);
    INITIAL_ACCUMULATOR.check(initialAccumulator);
    EPS.check(eps);
  }

  /** The options in validated {@code params} of {@link #SCHEMA}. */
  public static AdagradOptions from(Params params) {
    return new AdagradOptions(params.get(LR), params.get(LR_DECAY), params.get(WEIGHT_DECAY),
        params.get(INITIAL_ACCUMULATOR), params.get(EPS));
  }
}
