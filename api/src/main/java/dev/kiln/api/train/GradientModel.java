package dev.kiln.api.train;

import dev.kiln.api.Model;
import dev.kiln.api.data.Batch;
import java.util.List;
import java.util.OptionalInt;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce3.EqualsWithEps;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A model trained by gradients: it exposes its {@link Parameter}s and computes a batch's loss and their
 * gradients, so that {@link GradientTrainer} and any {@link dev.kiln.api.Optimizer} can train it.
 */
public interface GradientModel extends Model {
  /** The trainable parameters, in a fixed order. */
  List<Parameter> parameters();

  /** The mean loss over {@code batch}; overwrites every parameter's gradient with d(loss)/d(parameter). */
  double lossAndGradient(Batch batch);

  /**
   * How many rows of the batch last passed to {@link #lossAndGradient} the model classified right (its
   * highest-scoring class is the label), from the outputs that call computed anyway; empty for models that do
   * not classify. {@link GradientTrainer} turns it into the training accuracy.
   */
  default OptionalInt lastBatchCorrect() {
    return OptionalInt.empty();
  }

  /**
   * The rows of {@code scores [n, k]} (logits or probabilities) whose highest score is at their label: a class
   * index of {@code labels [n]}, or the highest entry of a row of {@code labels [n, k]} (one-hot or class
   * probabilities). Three whole-batch ops: two row argmaxes and a count of the rows where they differ.
   */
  static int countCorrect(INDArray scores, INDArray labels) {
    INDArray truth = labels.rank() == 2 ? labels.argMax(1) : labels.castTo(DataType.LONG);
    double wrong = Nd4j.getExecutioner().exec(new EqualsWithEps(scores.argMax(1), truth, 0.0)).getDouble(0);
    return (int) (scores.rows() - wrong);
  }
}
