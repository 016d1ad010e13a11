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
 * Adam: steps from bias-corrected running averages of the gradient and of its square, with optional AMSGrad
 * and L2 or decoupled (AdamW) weight decay, step for step as PyTorch's {@code torch.optim.Adam} and
 * {@code torch.optim.AdamW}.
 *
 * <p>With gradient {@code g}, learning rate η, decays β₁ β₂, weight decay λ, ε and the parameter's step count
 * {@code t}, one step is
 * <pre>
 *   θ = θ(1 − ηλ),  d = g       (decoupled, AdamW)      or      d = g + λθ   (Adam)
 *   m = β₁m + (1 − β₁)d
 *   v = β₂v + (1 − β₂)d²
 *   v̂ = max(v̂, v) with AMSGrad, else v̂ = v
 *   θ = θ − η / (1 − β₁ᵗ) · m / (√v̂ / √(1 − β₂ᵗ) + ε)
 * </pre>
 * in place, with {@code m} (slot {@code exp_avg}), {@code v} ({@code exp_avg_sq}), the maximum
 * ({@code max_exp_avg_sq}, AMSGrad) and one scratch buffer per parameter (two with L2 decay), allocated on
 * the first step. The update is composed of vectorised ND4J, BLAS and oneDNN passes ({@link Eltwise#sqrt});
 * libnd4j's fused {@code adam_updater} rounds {@code 1 − β₂} to float32, see {@link FusedUpdates}.
 *
 * <p>Reference: Kingma, Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015; Reddi, Kale, Kumar, "On
 * the Convergence of Adam and Beyond", ICLR 2018 (AMSGrad); Loshchilov, Hutter, "Decoupled Weight Decay
 * Regularization", ICLR 2019 (AdamW); PyTorch 1.13 {@code torch/optim/adam.py} and {@code adamw.py}.
 */
public final class Adam extends BaseOptimizer {
  private final AdamOptions options;

  public Adam(AdamOptions options, StepOptions steps) {
    super(options.decoupled() ? "adamw" : "adam", options.lr(), options, steps);
    this.options = options;
  }

  public AdamOptions options() {
    return options;
  }

  @Override
  void update(Parameter p, Slots s, double lr) {
    INDArray d = p.gradient();
    if (options.decoupled()) {
      Level1.scale(1 - lr * options.weightDecay(), p.value());
    } else {
      d = withWeightDecay(p, s, options.weightDecay());
    }
    double beta1 = options.beta1();
    double beta2 = options.beta2();
    INDArray m = s.filled("exp_avg", 0);
    INDArray v = s.filled("exp_avg_sq", 0);
    INDArray tmp = s.scratch(1);
    Level1.axpby(1 - beta1, d, beta1, m);
    InPlace.multiply(d, d, tmp);
    Level1.axpby(1 - beta2, tmp, beta2, v);
    INDArray second = v;
    if (options.amsgrad()) {
      second = s.filled("max_exp_avg_sq", 0);
      InPlace.maximum(second, v, second);
    }
    double biasCorrection1 = 1 - Math.pow(beta1, s.steps);
    double biasCorrection2 = 1 - Math.pow(beta2, s.steps);
    Eltwise.sqrt(second, tmp);
    tmp.divi(Math.sqrt(biasCorrection2));
    InPlace.add(tmp, options.eps(), tmp);
    InPlace.divide(m, tmp, tmp);
    Level1.axpy(-lr / biasCorrection1, tmp, p.value());
  }

  /** The {@code adam} plugin. */
  public static final class Plugin implements OptimizerProvider {
    @Override
    public String name() {
      return "adam";
    }

    @Override
    public String summary() {
      return "Adam: bias-corrected moment estimates, optional AMSGrad and L2 weight decay (PyTorch Adam)";
    }

    @Override
    public String description() {
      return """
          With gradient g, learning rate lr, betas b1 b2, weight decay wd and the parameter's step t, each step does
            d = g + wd * theta
            m = b1 * m + (1 - b1) * d;  v = b2 * v + (1 - b2) * d^2;  vhat = max(vhat, v) (amsgrad) or v
            theta = theta - lr / (1 - b1^t) * m / (sqrt(vhat) / sqrt(1 - b2^t) + eps)
          in place, exactly as torch.optim.Adam (PyTorch 1.13), whose defaults it keeps. For decoupled weight
          decay use adamw.
          """ + StepOptions.HELP + """
          Reference: Kingma, Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015; Reddi et al., "On the
          Convergence of Adam and Beyond", ICLR 2018; https://pytorch.org/docs/1.13/generated/torch.optim.Adam.html
          """;
    }

    @Override
    public Schema schema() {
      return AdamOptions.SCHEMA;
    }

    @Override
    public Optimizer create(Params params) {
      return new Adam(AdamOptions.from(params, false), StepOptions.from(params));
    }
  }
}
