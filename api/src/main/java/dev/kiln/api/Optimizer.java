package dev.kiln.api;

import dev.kiln.api.train.OptimizerState;
import dev.kiln.api.train.Parameter;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Updates parameters in place from their gradients. An optimizer keeps its own state (moments, step
 * counts) per {@link Parameter} and works with any model that exposes its parameters; it never
 * special-cases a model.
 *
 * <p>Only {@link #step} is required. Optimizers with state should also implement {@link #state()} and
 * {@link #restore} so that training can be checkpointed and resumed exactly.
 */
public interface Optimizer {
  /** One update of every parameter from its current gradient. */
  void step(List<Parameter> parameters);

  /**
   * The learning rate the next {@link #step} will use (after any schedule), for progress displays and
   * plots; empty for optimizers without one.
   */
  default OptionalDouble learningRate() {
    return OptionalDouble.empty();
  }

  /**
   * A snapshot of the training state (step counts, moment buffers): copies that later steps do not change.
   * The default fails: the optimizer cannot export its state.
   */
  default OptimizerState state() {
    throw new KilnException(getClass().getSimpleName() + " cannot export its state: checkpoint with an "
        + "optimizer plugin that supports it (sgd, adam, ...)");
  }

  /**
   * Replaces the training state with {@code state}, taken by {@link #state()} from an optimizer of the same
   * kind on the same model (parameters matched by name), so that the next steps continue exactly as the
   * saved optimizer's would have. The options (learning rate, ...) stay this optimizer's own. The default
   * fails: the optimizer cannot restore a state.
   */
  default void restore(OptimizerState state) {
    throw new KilnException(getClass().getSimpleName() + " cannot restore a saved state; "
        + "create the optimizer that saved it ('" + state.optimizer() + "')");
  }
}
