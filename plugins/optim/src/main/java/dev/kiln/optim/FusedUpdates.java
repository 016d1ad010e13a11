package dev.kiln.optim;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdaDeltaUpdater;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adadelta's per-element work in one pass, through libnd4j's fused {@code ada_delta_updater}: it reads the
 * gradient and both running averages once, writes the averages in place and the step into {@code out}, where
 * composing the same formula from element-wise ops takes thirteen passes over memory and a second scratch
 * buffer; the caller then subtracts {@code out} from the parameter. (Adagrad and RMSprop compose PyTorch's
 * operations instead: with oneDNN's square root that is faster than libnd4j's {@code ada_grad_updater} and
 * {@code rms_prop_updater}, which take one scalar root per element. Adam's {@code adam_updater} is not used:
 * it computes {@code 1 − β₂} in the tensor's precision, which in float32 at β₂ = 0.999 is 1.3·10⁻⁵ off
 * PyTorch's value and moves trajectories past the 10⁻⁵ agreement the tests ask.)
 */
final class FusedUpdates {
  private FusedUpdates() {}

  /**
   * Adadelta's averages and step: {@code a ← ρa + (1−ρ)g²}, {@code out = g √(δ + ε) / √(a + ε)} with the
   * accumulated updates δ before this step, then {@code δ ← ρδ + (1−ρ)out²}.
   */
  static void adadelta(INDArray g, INDArray squareAvg, INDArray accDelta, INDArray out, double rho, double eps) {
    Nd4j.exec(new AdaDeltaUpdater(g, squareAvg, accDelta, out, squareAvg, accDelta, rho, eps));
  }
}
