package dev.kiln.api.train;

import dev.kiln.api.Model;
import dev.kiln.api.data.Batch;
import java.util.List;

/**
 * A model trained by gradients: it exposes its {@link Parameter}s and computes a batch's loss and their
 * gradients, so that {@link GradientTrainer} and any {@link dev.kiln.api.Optimizer} can train it.
 */
public interface GradientModel extends Model {
  /** The trainable parameters, in a fixed order. */
  List<Parameter> parameters();

  /** The mean loss over {@code batch}; overwrites every parameter's gradient with d(loss)/d(parameter). */
  double lossAndGradient(Batch batch);
}
