package dev.kiln.optim;

import dev.kiln.api.Option;
import dev.kiln.api.Params;
import dev.kiln.api.Schema;

/**
 * The options of {@link Adam} and of AdamW, with PyTorch's defaults, validated on construction.
 *
 * @param lr the learning rate η, {@code > 0}; 0.001
 * @param beta1 the decay β₁ of the first moment, in [0, 1); 0.9
 * @param beta2 the decay β₂ of the second moment, in [0, 1); 0.999
 * @param eps the term ε added to the root of the second moment, {@code >= 0}; 1e-8
 * @param weightDecay the weight decay λ, {@code >= 0}: added to the gradient as λθ (Adam, default 0) or,
 *     decoupled, applied as {@code θ = θ(1 − ηλ)} (AdamW, default 0.01)
 * @param amsgrad normalise by the running maximum of the second moment (AMSGrad)
 * @param decoupled decoupled weight decay: AdamW
 */
public record AdamOptions(double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad,
    boolean decoupled) {
  static final Option<Double> LR = Option.real("lr", 1e-3, "learning rate").positive();
  static final Option<Double> BETA1 = Option.real("beta1", 0.9, "decay of the first moment, usually 0.9").min(0)
      .below(1);
  static final Option<Double> BETA2 = Option.real("beta2", 0.999, "decay of the second moment, usually 0.999")
      .min(0).below(1);
  static final Option<Double> EPS = Option.real("eps", 1e-8, "added to the root of the second moment").min(0);
  static final Option<Double> WEIGHT_DECAY = Option.real("weightDecay", 0,
      "L2 penalty: weightDecay * parameter is added to the gradient").min(0);
  static final Option<Double> DECOUPLED_WEIGHT_DECAY = Option.real("weightDecay", 1e-2,
      "decoupled weight decay: each step first scales the parameter by 1 - lr * weightDecay").min(0);
  static final Option<Boolean> AMSGRAD = Option.flag("amsgrad", false,
      "use the running maximum of the second moment (AMSGrad)");

  /** The schema of {@code adam}'s options, then the {@link StepOptions} every optimizer shares. */
  static final Schema SCHEMA = StepOptions.schema(LR, BETA1, BETA2, EPS, WEIGHT_DECAY, AMSGRAD);
  /** The schema of {@code adamw}'s options: as {@code adam}'s, with decoupled weight decay 0.01. */
  static final Schema DECOUPLED_SCHEMA = StepOptions.schema(LR, BETA1, BETA2, EPS, DECOUPLED_WEIGHT_DECAY,
      AMSGRAD);

  public AdamOptions {
    LR.check(lr);
    BETA1.check(beta1);
    BETA2.check(beta2);
    EPS.check(eps);
    WEIGHT_DECAY.check(weightDecay);
  }

  /** Adam with learning rate {@code lr} and the other options at PyTorch's defaults. */
  public static AdamOptions of(double lr) {
    return new AdamOptions(lr, 0.9, 0.999, 1e-8, 0, false, false);
  }

  /** The options in validated {@code params} of {@link #SCHEMA} or, {@code decoupled}, {@link #DECOUPLED_SCHEMA}. */
  public static AdamOptions from(Params params, boolean decoupled) {
    return new AdamOptions(params.get(LR), params.get(BETA1), params.get(BETA2), params.get(EPS),
        params.get(decoupled ? DECOUPLED_WEIGHT_DECAY : WEIGHT_DECAY), params.get(AMSGRAD), decoupled);
  }
}
