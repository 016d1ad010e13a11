package dev.kiln.optim;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdaDeltaUpdater;
import org.nd4j.linalg.api.ops.impl.updaters.AdaGradUpdater;
import org.nd4j.linalg.api.ops.impl.updaters.RmsPropUpdater;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adagrad's, RMSprop's and Adadelta's per-element work in one pass each, through libnd4j's fused updater
 * kernels ({@code ada_grad_updater}, {@code rms_prop_updater}, {@code ada_delta_updater}): each reads the
 * gradient and the running averages once, writes the averages in place and the step into {@code out}, where
 * composing the same formula from element-wise ops takes five to thirteen passes over memory; the caller then
 * subtracts {@code out} from the parameter. Their formulas are PyTorch's, as each method says. (Adam's
 * {@code adam_updater} is not used: it computes {@code 1 − β₂} in the tensor's precision, which in float32 at
 * β₂ = 0.999 is 1.3·10⁻⁵ off PyTorch's value and moves trajectories past the 10⁻⁵ agreement the tests ask.)
 */
final class FusedUpdates {
  private FusedUpdates() {}

  /** Adagrad's sum and step: {@code s ← s + g²}, {@code out = lr · g / (√s + ε)}. */
  static void adagrad(INDArray g, INDArray sum, INDArray out, double lr, double eps) {
    Nd4j.exec(new AdaGradUpdater(g, sum, out, sum, lr, eps));
  }

  /** RMSprop's average and step: {@code a ← αa + (1−α)g²}, {@code out = lr · g / (√a + ε)}. */
  static void rmsprop(INDArray g, INDArray squareAvg, INDArray out, double lr, double alpha, double eps) {
    Nd4j.exec(new RmsPropUpdater(g, squareAvg, out, squareAvg, lr, alpha, eps));
  }

  /**
   * Adadelta's averages and step: {@code a ← ρa + (1−ρ)g²}, {@code out = g √(δ + ε) / √(a + ε)} with the
   * accumulated updates δ before this step, then {@code δ ← ρδ + (1−ρ)out²}.
   */
  static void adadelta(INDArray g, INDArray squareAvg, INDArray accDelta, INDArray out, double rho, double eps) {
    Nd4j.exec(new AdaDeltaUpdater(g, squareAvg, accDelta, out, squareAvg, accDelta, rho, eps));
  }
}
