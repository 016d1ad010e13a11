package dev.kiln.optim;

import dev.kiln.api.KilnException;
import dev.kiln.api.Option;
import dev.kiln.api.Params;
import dev.kiln.api.Schema;

/**
 * The options of {@link Sgd}, validated on construction so that Java callers can build them directly:
 * {@code new Sgd(new SgdOptions(0.1, 0.9, 0, true, 0))}.
 *
 * @param lr the learning rate, {@code > 0}; 0.01 by default (PyTorch has no default and requires it)
 * @param momentum the momentum factor μ, {@code >= 0}; 0 turns momentum off
 * @param dampening the dampening τ of the momentum buffer, in [0, 1]
 * @param nesterov Nesterov momentum; needs {@code momentum > 0} and {@code dampening == 0}
 * @param weightDecay the L2 penalty λ added to the gradient, {@code >= 0}
 */
public record SgdOptions(double lr, double momentum, double dampening, boolean nesterov, double weightDecay) {
  static final Option<Double> LR = Option.real("lr", 0.01,
      "learning rate (PyTorch requires it; Kiln defaults to 0.01)").positive();
  static final Option<Double> MOMENTUM = Option.real("momentum", 0, "momentum factor; 0 turns it off").min(0);
  static final Option<Double> DAMPENING = Option.real("dampening", 0,
      "dampening for momentum: the new gradient enters the buffer with weight 1 - dampening").min(0).max(1);
  static final Option<Boolean> NESTEROV = Option.flag("nesterov", false,
      "Nesterov momentum (needs momentum > 0 and dampening 0)");
  static final Option<Double> WEIGHT_DECAY = Option.real("weightDecay", 0,
      "L2 penalty: weightDecay * parameter is added to the gradient").min(0);

  /** The schema of {@code sgd}'s options, then the {@link StepOptions} every optimizer shares. */
  static final Schema SCHEMA = StepOptions.schema(LR, MOMENTUM, DAMPENING, NESTEROV, WEIGHT_DECAY);

  public SgdOptions {
    LR.check(lr);
    MOMENTUM.check(momentum);
    DAMPENING.check(dampening);
    NESTEROV.check(nesterov);
    WEIGHT_DECAY.check(weightDecay);
    if (nesterov && (momentum <= 0 || dampening != 0)) {
      throw new KilnException("sgd: nesterov needs momentum > 0 and dampening 0, got momentum = " + momentum
          + ", dampening = " + dampening + "; set {momentum: 0.9, dampening: 0} or nesterov: false");
    }
  }

  /** Plain SGD with learning rate {@code lr}. */
  public static SgdOptions of(double lr) {
    return new SgdOptions(lr, 0, 0, false, 0);
  }

  /** The options in validated {@code params} of {@link #SCHEMA}. */
  public static SgdOptions from(Params params) {
    return new SgdOptions(params.get(LR), params.get(MOMENTUM), params.get(DAMPENING), params.get(NESTEROV),
        params.get(WEIGHT_DECAY));
  }
}
