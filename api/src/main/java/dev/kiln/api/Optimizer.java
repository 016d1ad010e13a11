package dev.kiln.api;

import dev.kiln.api.train.Parameter;
import java.util.List;

/**
 * Updates parameters in place from their gradients. An optimizer keeps its own state (moments, step
 * counts) per {@link Parameter} and works with any model that exposes its parameters; it never
 * special-cases a model.
 */
public interface Optimizer {
  /** One update of every parameter from its current gradient. */
  void step(List<Parameter> parameters);
}
