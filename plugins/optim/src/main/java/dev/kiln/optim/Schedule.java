package dev.kiln.optim;

import dev.kiln.api.KilnException;
import dev.kiln.api.Option;
import dev.kiln.api.Params;
import java.util.List;

/**
 * A learning-rate schedule over optimizer steps, optionally after a linear warm-up: the learning rate of
 * step {@code t + 1} (after {@code t} steps) for base rate η, warm-up length W and start factor s is
 * <pre>
 *   η_t = η (s + (1 − s) t / W)                                    for t &lt; W   (linear warm-up)
 *   with k = t − W afterwards:
 *   constant:     η_t = η
 *   step:         η_t = η γ^⌊k / stepSize⌋
 *   exponential:  η_t = η γ^k
 *   cosine:       η_t = η_min + (η − η_min)(1 + cos(π k / T_max)) / 2
 * </pre>
 * Schedules count the optimizer's steps (batches), not epochs: for a decay every {@code e} epochs of
 * {@code b} batches, set {@code stepSize = e·b}. Stepping a PyTorch scheduler after every
 * {@code optimizer.step()} gives the same rates: {@code StepLR}, {@code ExponentialLR},
 * {@code CosineAnnealingLR} (which, past {@code T_max}, rises again as this cosine does), and for the
 * warm-up {@code LinearLR(start_factor = s, total_iters = W)} followed by the schedule through
 * {@code SequentialLR(milestones = [W])}.
 *
 * <p>Reference: Loshchilov, Hutter, "SGDR: Stochastic Gradient Descent with Warm Restarts", ICLR 2017
 * (cosine); Goyal et al., "Accurate, Large Minibatch SGD: Training ImageNet in 1 Hour", 2017 (warm-up);
 * PyTorch 1.13 {@code torch/optim/lr_scheduler.py}.
 *
 * @param kind constant, step, exponential or cosine
 * @param stepSize steps between decays of {@code step}; required by it
 * @param gamma the decay factor γ of {@code step} and {@code exponential}
 * @param tMax the cosine's half period T_max in steps; required by {@code cosine}
 * @param minLr the cosine's floor η_min
 * @param warmupSteps the warm-up length W; 0 turns warm-up off
 * @param warmupStart the warm-up's first factor s, in (0, 1]
 */
public record Schedule(String kind, int stepSize, double gamma, int tMax, double minLr, int warmupSteps,
    double warmupStart) {
  static final Option<String> KIND = Option.choice("schedule", "constant",
      "learning-rate schedule over optimizer steps", "constant", "step", "exponential", "cosine");
  static final Option<Integer> STEP_SIZE = Option.integer("stepSize", 0,
      "schedule 'step': steps between decays by gamma (required by it)").min(0);
  static final Option<Double> GAMMA = Option.real("gamma", 0.1,
      "schedules 'step' and 'exponential': the decay factor").positive();
  static final Option<Integer> T_MAX = Option.integer("tMax", 0,
      "schedule 'cosine': steps from lr down to minLr, T_max (required by it)").min(0);
  static final Option<Double> MIN_LR = Option.real("minLr", 0, "schedule 'cosine': the floor eta_min").min(0);
  static final Option<Integer> WARMUP_STEPS = Option.integer("warmupSteps", 0,
      "steps of linear warm-up before the schedule; 0 turns it off").min(0);
  static final Option<Double> WARMUP_START = Option.real("warmupStart", 1.0 / 3,
      "the warm-up's first learning rate as a fraction of lr (LinearLR start_factor)").positive().max(1);

  /** The options of a schedule, as every optimizer's schema lists them. */
  static final List<Option<?>> OPTIONS = List.of(KIND, STEP_SIZE, GAMMA, T_MAX, MIN_LR, WARMUP_STEPS,
      WARMUP_START);

  /** A constant learning rate, without warm-up. */
  public static final Schedule CONSTANT = new Schedule("constant", 0, 0.1, 0, 0, 0, 1.0 / 3);

  public Schedule {
    KIND.check(kind);
    STEP_SIZE.check(stepSize);
    GAMMA.check(gamma);
    T_MAX.check(tMax);
    MIN_LR.check(minLr);
    WARMUP_STEPS.check(warmupSteps);
    WARMUP_START.check(warmupStart);
    if (kind.equals("step") && stepSize < 1) {
      throw new KilnException("schedule 'step' needs stepSize >= 1 (optimizer steps between decays), got "
          + stepSize + "; pass e.g. {schedule: 'step', stepSize: 100, gamma: 0.5}");
    }
    if (kind.equals("cosine") && tMax < 1) {
      throw new KilnException("schedule 'cosine' needs tMax >= 1 (optimizer steps from lr to minLr), got "
          + tMax + "; pass e.g. {schedule: 'cosine', tMax: 1000}");
    }
  }

  /** The schedule in validated {@code params} of a schema listing {@link #OPTIONS}. */
  static Schedule from(Params params) {
    return new Schedule(params.get(KIND), params.get(STEP_SIZE), params.get(GAMMA), params.get(T_MAX),
        params.get(MIN_LR), params.get(WARMUP_STEPS), params.get(WARMUP_START));
  }

  /** The learning rate of the step after {@code steps} steps, for base rate {@code lr}. */
  public double rate(double lr, long steps) {
    if (steps < warmupSteps) {
      return lr * (warmupStart + (1 - warmupStart) * steps / warmupSteps);
    }
    long k = steps - warmupSteps;
    return switch (kind) {
      case "step" -> lr * Math.pow(gamma, k / stepSize);
      case "exponential" -> lr * Math.pow(gamma, k);
      case "cosine" -> minLr + (lr - minLr) * (1 + Math.cos(Math.PI * k / tMax)) / 2;
      default -> lr;
    };
  }
}
