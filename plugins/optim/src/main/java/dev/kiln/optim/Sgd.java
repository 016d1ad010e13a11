package dev.kiln.optim;

import dev.kiln.api.Optimizer;
import dev.kiln.api.OptimizerProvider;
import dev.kiln.api.Params;
import dev.kiln.api.Schema;
import dev.kiln.api.train.Parameter;
import dev.kiln.kernels.Level1;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and weight decay, step
 * for step as PyTorch's {@code torch.optim.SGD}.
 *
 * <p>With gradient {@code g}, learning rate η, momentum μ, dampening τ and weight decay λ, one step is
 * <pre>
 *   d = g + λθ
 *   b = d                          (first step)
 *   b = μb + (1 − τ)d              (later steps)
 *   d = d + μb   if nesterov,  else  d = b      (when μ ≠ 0)
 *   θ = θ − ηd
 * </pre>
 * Updates are in place on the parameters' buffers. The momentum buffer {@code b} (slot
 * {@code momentum_buffer}; and, with weight decay or Nesterov momentum, one scratch buffer for {@code d}) is
 * allocated once per parameter on its first step, so a step allocates nothing. The gradients are read, never
 * changed (except by {@code clipNorm}). Schedules, clipping, NaN checks and the saved state are
 * {@link BaseOptimizer}'s.
 *
 * <p>Reference: Sutskever, Martens, Dahl, Hinton, "On the importance of initialization and momentum in deep
 * learning", ICML 2013; PyTorch 1.13 {@code torch.optim.SGD} documentation and {@code torch/optim/sgd.py}.
 */
public final class Sgd extends BaseOptimizer {
  private final SgdOptions options;

  /** SGD with a constant learning rate and the other {@link StepOptions} at their defaults. */
  public Sgd(SgdOptions options) {
    this(options, StepOptions.DEFAULT);
  }

  public Sgd(SgdOptions options, StepOptions steps) {
    super("sgd", options.lr(), options, steps);
    this.options = options;
  }

  public SgdOptions options() {
    return options;
  }

  @Override
  void update(Parameter p, Slots s, double lr) {
    INDArray d = withWeightDecay(p, s, options.weightDecay());
    double mu = options.momentum();
    if (mu != 0) {
      INDArray buffer = s.get("momentum_buffer");
      if (buffer == null) {
        buffer = s.put("momentum_buffer", d.dup(p.value().ordering()));
      } else {
        Level1.axpby(1 - options.dampening(), d, mu, buffer);
      }
      if (!options.nesterov()) {
        // θ −= ηb as b's update ran, in oneDNN's threads: handing over to OpenBLAS's costs 0.3 ms on 10M floats
        Level1.axpby(-lr, buffer, 1, p.value());
        return;
      }
      if (d == p.gradient()) {
        d = s.scratch(0);
        Level1.copy(p.gradient(), d);
      }
      Level1.axpy(mu, buffer, d);
    }
    Level1.axpy(-lr, d, p.value());
  }

  /** The {@code sgd} plugin. */
  public static final class Plugin implements OptimizerProvider {
    @Override
    public String name() {
      return "sgd";
    }

    @Override
    public String summary() {
      return "stochastic gradient descent with momentum, Nesterov, dampening and weight decay (PyTorch SGD)";
    }

    @Override
    public String description() {
      return """
          With gradient g, learning rate lr, momentum m, dampening t and weight decay wd, each step does
            d = g + wd * theta
            buf = d (first step), buf = m * buf + (1 - t) * d (later steps)     [when m > 0]
            d = d + m * buf (nesterov) or d = buf                               [when m > 0]
            theta = theta - lr * d
          in place, with one momentum buffer per parameter, exactly as torch.optim.SGD (PyTorch 1.13).
          lr defaults to 0.01 (PyTorch requires it). nesterov needs momentum > 0 and dampening 0.
          """ + StepOptions.HELP + """
          Reference: Sutskever et al., "On the importance of initialization and momentum in deep learning",
          ICML 2013; https://pytorch.org/docs/1.13/generated/torch.optim.SGD.html
          """;
    }

    @Override
    public Schema schema() {
      return SgdOptions.SCHEMA;
    }

    @Override
    public Optimizer create(Params params) {
      return new Sgd(SgdOptions.from(params), StepOptions.from(params));
    }
  }
}
