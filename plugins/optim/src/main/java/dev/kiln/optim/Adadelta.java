package dev.kiln.optim;

import dev.kiln.api.Optimizer;
import dev.kiln.api.OptimizerProvider;
import dev.kiln.api.Params;
import dev.kiln.api.Schema;
import dev.kiln.api.train.Parameter;
import dev.kiln.kernels.Level1;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adadelta: steps scaled by the ratio of the running RMS of past steps to the running RMS of gradients, step
 * for step as PyTorch's {@code torch.optim.Adadelta}.
 *
 * <p>With gradient {@code g}, factor η, decay ρ, weight decay λ and ε, one step is
 * <pre>
 *   d = g + λθ
 *   v = ρv + (1 − ρ)d²
 *   Δ = √(u + ε) / √(v + ε) · d
 *   u = ρu + (1 − ρ)Δ²
 *   θ = θ − ηΔ
 * </pre>
 * in place, with the averages {@code v} (slot {@code square_avg}) and {@code u} (slot {@code acc_delta}) and
 * one scratch buffer per parameter (two with weight decay), allocated on the first step; the averages and
 * {@code Δ} come from one fused pass ({@link FusedUpdates#adadelta}).
 *
 * <p>Reference: Zeiler, "ADADELTA: An Adaptive Learning Rate Method", arXiv:1212.5701, 2012; PyTorch 1.13
 * {@code torch/optim/adadelta.py}.
 */
public final class Adadelta extends BaseOptimizer {
  private final AdadeltaOptions options;

  public Adadelta(AdadeltaOptions options, StepOptions steps) {
    super("adadelta", options.lr(), options, steps);
    this.options = options;
  }

  public AdadeltaOptions options() {
    return options;
  }

  @Override
  void update(Parameter p, Slots s, double lr) {
    double rho = options.rho();
    INDArray d = withWeightDecay(p, s, options.weightDecay());
    INDArray squareAvg = s.filled("square_avg", 0);
    INDArray accDelta = s.filled("acc_delta", 0);
    INDArray delta = s.scratch(1);
    FusedUpdates.adadelta(d, squareAvg, accDelta, delta, rho, options.eps());
    Level1.axpy(-lr, delta, p.value());
  }

  /** The {@code adadelta} plugin. */
  public static final class Plugin implements OptimizerProvider {
    @Override
    public String name() {
      return "adadelta";
    }

    @Override
    public String summary() {
      return "Adadelta: steps scaled by running RMS of past steps over RMS of gradients (PyTorch Adadelta)";
    }

    @Override
    public String description() {
      return """
          With gradient g, factor lr, decay rho and weight decay wd, each step does
            d = g + wd * theta
            v = rho * v + (1 - rho) * d^2
            delta = sqrt(u + eps) / sqrt(v + eps) * d
            u = rho * u + (1 - rho) * delta^2
            theta = theta - lr * delta
          in place, exactly as torch.optim.Adadelta (PyTorch 1.13), whose defaults it keeps (lr 1.0).
          """ + StepOptions.HELP + """
          Reference: Zeiler, "ADADELTA: An Adaptive Learning Rate Method", arXiv:1212.5701, 2012;
          https://pytorch.org/docs/1.13/generated/torch.optim.Adadelta.html
          """;
    }

    @Override
    public Schema schema() {
      return AdadeltaOptions.SCHEMA;
    }

    @Override
    public Optimizer create(Params params) {
      return new Adadelta(AdadeltaOptions.from(params), StepOptions.from(params));
    }
  }
}
