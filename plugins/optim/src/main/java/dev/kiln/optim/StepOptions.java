package dev.kiln.optim;

import dev.kiln.api.Option;
import dev.kiln.api.Params;
import dev.kiln.api.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * The options every optimizer of this module shares, around its own update rule: the learning-rate
 * {@link Schedule}, gradient clipping by global norm, and what to do with a NaN gradient.
 *
 * @param schedule the learning-rate schedule over steps
 * @param clipNorm when {@code > 0}, the gradients are scaled in place before each step so that their global
 *     L2 norm is at most {@code clipNorm}, as {@code torch.nn.utils.clip_grad_norm_} does; 0 turns it off
 * @param skipNanSteps skip a step whose gradients contain NaN (no parameter changes, the step is not
 *     counted) instead of failing with the parameter's name
 */
public record StepOptions(Schedule schedule, double clipNorm, boolean skipNanSteps) {
  static final Option<Double> CLIP_NORM = Option.real("clipNorm", 0,
      "scale gradients in place to this global L2 norm when above it (clip_grad_norm_); 0 turns it off").min(0);
  static final Option<Boolean> SKIP_NAN_STEPS = Option.flag("skipNanSteps", false,
      "skip a step whose gradients contain NaN instead of failing");

  /** The shared options in words, for the plugins' descriptions (ends with a line break). */
  static final String HELP = """
      Every optimizer also takes: schedule (constant | step | exponential | cosine over optimizer steps, with
      stepSize, gamma, tMax, minLr) after an optional linear warm-up (warmupSteps, warmupStart), as PyTorch's
      StepLR, ExponentialLR, CosineAnnealingLR and LinearLR stepped once per batch; clipNorm (scale the
      gradients in place to that global L2 norm, as clip_grad_norm_); skipNanSteps (skip, not fail, a step
      whose gradients contain NaN).
      """;

  /** A constant learning rate, no clipping, and an error on a NaN gradient. */
  public static final StepOptions DEFAULT = new StepOptions(Schedule.CONSTANT, 0, false);

  public StepOptions {
    if (schedule == null) {
      throw new IllegalArgumentException("schedule");
    }
    CLIP_NORM.check(clipNorm);
  }

  /** A schema of an optimizer's {@code own} options followed by the shared ones. */
  static Schema schema(Option<?>... own) {
    List<Option<?>> all = new ArrayList<>(List.of(own));
    all.addAll(Schedule.OPTIONS);
    all.add(CLIP_NORM);
    all.add(SKIP_NAN_STEPS);
    return Schema.of(all.toArray(Option<?>[]::new));
  }

  /** The shared options in validated {@code params} of a {@link #schema}. */
  static StepOptions from(Params params) {
    return new StepOptions(Schedule.from(params), params.get(CLIP_NORM), params.get(SKIP_NAN_STEPS));
  }
}
