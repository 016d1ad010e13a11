package dev.kiln.optim;

import dev.kiln.api.KilnException;
import dev.kiln.api.Optimizer;
import dev.kiln.api.OptimizerProvider;
import dev.kiln.api.Params;
import dev.kiln.api.Schema;
import dev.kiln.api.train.Parameter;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
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
 * Updates are in place on the parameters' buffers. The momentum buffer {@code b} (and, with weight decay or
 * Nesterov momentum, one scratch buffer for {@code d}) is allocated once per parameter on its first step, so
 * a step allocates nothing. The gradients are read, never changed. A NaN gradient stops training with the
 * parameter's name.
 *
 * <p>Reference: Sutskever, Martens, Dahl, Hinton, "On the importance of initialization and momentum in deep
 * learning", ICML 2013; PyTorch 1.13 {@code torch.optim.SGD} documentation and {@code torch/optim/sgd.py}.
 */
public final class Sgd implements Optimizer {
  private final SgdOptions options;
  private final Map<Parameter, State> states = new IdentityHashMap<>();
  private long steps;

  /** Per-parameter training state: the momentum buffer and a scratch buffer, both lazily allocated. */
  private static final class State {
    INDArray momentum;
    INDArray scratch;
  }

  public Sgd(SgdOptions options) {
    this.options = options;
  }

  public SgdOptions options() {
    return options;
  }

  @Override
  public void step(List<Parameter> parameters) {
    steps++;
    for (Parameter p : parameters) {
      if (InPlace.hasNaN(p.gradient())) {
        throw new KilnException("sgd: the gradient of parameter '" + p.name() + "' contains NaN at step " + steps
            + "; check the model's inputs for NaN and lower the learning rate");
      }
    }
    for (Parameter p : parameters) {
      update(p, states.computeIfAbsent(p, k -> new State()));
    }
  }

  private void update(Parameter p, State state) {
    INDArray theta = p.value();
    INDArray d = p.gradient();
    double mu = options.momentum();
    if (options.weightDecay() != 0) {
      d = scratch(state, theta);
      InPlace.copy(p.gradient(), d);
      InPlace.axpy(options.weightDecay(), theta, d);
    }
    if (mu != 0) {
      INDArray buffer = state.momentum;
      if (buffer == null) {
        buffer = state.momentum = d.dup(theta.ordering());
      } else {
        InPlace.scale(mu, buffer);
        InPlace.axpy(1 - options.dampening(), d, buffer);
      }
      if (options.nesterov()) {
        if (d == p.gradient()) {
          d = scratch(state, theta);
          InPlace.copy(p.gradient(), d);
        }
        InPlace.axpy(mu, buffer, d);
      } else {
        d = buffer;
      }
    }
    InPlace.axpy(-options.lr(), d, theta);
  }

  private static INDArray scratch(State state, INDArray like) {
    if (state.scratch == null) {
      state.scratch = like.ulike();
    }
    return state.scratch;
  }

  @Override
  public String toString() {
    return "Sgd" + options;
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
      return new Sgd(SgdOptions.from(params));
    }
  }
}
