package dev.kiln.optim;

import dev.kiln.api.Optimizer;
import dev.kiln.api.OptimizerProvider;
import dev.kiln.api.Params;
import dev.kiln.api.Schema;
import dev.kiln.api.train.Parameter;
import dev.kiln.kernels.Eltwise;
import dev.kiln.kernels.Level1;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adagrad: a per-element learning rate that shrinks with the sum of the squared gradients seen so far, step
 * for step as PyTorch's {@code torch.optim.Adagrad}.
 *
 * <p>With gradient {@code g}, learning rate η, decay δ, weight decay λ, ε and the parameter's step count
 * {@code t}, one step is
 * <pre>
 *   d = g + λθ
 *   s = s + d²                     (s starts at initialAccumulator)
 *   θ = θ − η / (1 + (t − 1)δ) · d / (√s + ε)
 * </pre>
 * in place, with the sum {@code s} (slot {@code sum}) and one scratch buffer per parameter (two with weight
 * decay), allocated on the first step. Each line follows PyTorch's sequence of element-wise operations
 * ({@code addcmul_}, {@code sqrt}, {@code add_}, {@code addcdiv_}; the last as {@code θ + (−η')·(d / s')}, where
 * PyTorch rounds {@code (−η'·d) / s'}, within an ulp); the root runs in oneDNN ({@link Eltwise#sqrt}), ten times
 * faster than libnd4j's.
 *
 * <p>Reference: Duchi, Hazan, Singer, "Adaptive Subgradient Methods for Online Learning and Stochastic
 * Optimization", JMLR 12, 2011; PyTorch 1.13 {@code torch/optim/adagrad.py}.
 */
public final class Adagrad extends BaseOptimizer {
  private final AdagradOptions options;

  public Adagrad(AdagradOptions options, StepOptions steps) {
    super("adagrad", options.lr(), options, steps);
    this.options = options;
  }

  public AdagradOptions options() {
    return options;
  }

  @Override
  void update(Parameter p, Slots s, double lr) {
    INDArray d = withWeightDecay(p, s, options.weightDecay());
    INDArray sum = s.filled("sum", options.initialAccumulator());
    INDArray step = s.scratch(1);
    InPlace.multiply(d, d, step);
    Level1.axpy(1, step, sum);
    Eltwise.sqrt(sum, step);
    InPlace.add(step, options.eps(), step);
    InPlace.divide(d, step, step);
    Level1.axpy(-lr / (1 + (s.steps - 1) * options.lrDecay()), step, p.value());
  }

  /** The {@code adagrad} plugin. */
  public static final class Plugin implements OptimizerProvider {
    @Override
    public String name() {
      return "adagrad";
    }

    @Override
    public String summary() {
      return "Adagrad: per-element rates from the running sum of squared gradients (PyTorch Adagrad)";
    }

    @Override
    public String description() {
      return """
          With gradient g, learning rate lr, lrDecay k, weight decay wd and the parameter's step t, each step does
            d = g + wd * theta
            sum = sum + d^2                                  (sum starts at initialAccumulator)
            theta = theta - lr / (1 + (t - 1) * k) * d / (sqrt(sum) + eps)
          in place, exactly as torch.optim.Adagrad (PyTorch 1.13), whose defaults it keeps.
          """ + StepOptions.HELP + """
          Reference: Duchi, Hazan, Singer, "Adaptive Subgradient Methods for Online Learning and Stochastic
          Optimization", JMLR 2011; https://pytorch.org/docs/1.13/generated/torch.optim.Adagrad.html
          """;
    }

    @Override
    public Schema schema() {
      return AdagradOptions.SCHEMA;
    }

    @Override
    public Optimizer create(Params params) {
      return new Adagrad(AdagradOptions.from(params), StepOptions.from(params));
    }
  }
}
