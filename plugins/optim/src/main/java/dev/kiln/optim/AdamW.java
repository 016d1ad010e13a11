package dev.kiln.optim;

import dev.kiln.api.Optimizer;
import dev.kiln.api.OptimizerProvider;
import dev.kiln.api.Params;
import dev.kiln.api.Schema;

/**
 * AdamW: {@link Adam} with decoupled weight decay, as PyTorch's {@code torch.optim.AdamW}. Instead of adding
 * λθ to the gradient (which the adaptive denominator then rescales), each step first shrinks the parameter,
 * {@code θ = θ(1 − ηλ)}, and then takes Adam's step on the plain gradient; λ defaults to 0.01. The update
 * itself is {@link Adam#update}'s, with {@link AdamOptions#decoupled()} set.
 *
 * <p>Reference: Loshchilov, Hutter, "Decoupled Weight Decay Regularization", ICLR 2019; PyTorch 1.13
 * {@code torch/optim/adamw.py}.
 */
public final class AdamW {
  private AdamW() {}

  /** The {@code adamw} plugin. */
  public static final class Plugin implements OptimizerProvider {
    @Override
    public String name() {
      return "adamw";
    }

    @Override
    public String summary() {
      return "AdamW: Adam with decoupled weight decay theta *= 1 - lr * wd (PyTorch AdamW)";
    }

    @Override
    public String description() {
      return """
          With gradient g, learning rate lr, betas b1 b2, weight decay wd (default 0.01) and step t, each step does
            theta = theta * (1 - lr * wd)
            m = b1 * m + (1 - b1) * g;  v = b2 * v + (1 - b2) * g^2;  vhat = max(vhat, v) (amsgrad) or v
            theta = theta - lr / (1 - b1^t) * m / (sqrt(vhat) / sqrt(1 - b2^t) + eps)
          in place, exactly as torch.optim.AdamW (PyTorch 1.13), whose defaults it keeps.
          """ + StepOptions.HELP + """
          Reference: Loshchilov, Hutter, "Decoupled Weight Decay Regularization", ICLR 2019;
          https://pytorch.org/docs/1.13/generated/torch.optim.AdamW.html
          """;
    }

    @Override
    public Schema schema() {
      return AdamOptions.DECOUPLED_SCHEMA;
    }

    @Override
    public Optimizer create(Params params) {
      return new Adam(AdamOptions.from(params, true), StepOptions.from(params));
    }
  }
}
