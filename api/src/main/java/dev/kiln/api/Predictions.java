package dev.kiln.api;

import dev.kiln.api.data.Dataset;
import dev.kiln.api.data.NestedArrays;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What regression and classification metrics score: the true values and the predicted ones, of the same
 * length, or, for classifiers' scores, a matrix {@code [n, classes]} with one row per true value.
 * Validated on construction: a length mismatch names both shapes.
 */
public record Predictions(INDArray truth, INDArray predicted) {
  /** Predictions from tensors, primitive arrays or nested lists of numbers (see {@link NestedArrays}). */
  public static Predictions from(Object truth, Object predicted) {
    return new Predictions(NestedArrays.toTensor(truth, "truth"), NestedArrays.toTensor(predicted, "prediction"));
  }

  /**
   * {@code model}'s predictions for {@code test} against its labels: the class probabilities when
   * {@code probabilities} and the model classifies (for metrics such as ROC AUC and log loss), else
   * {@code predict}'s output.
   */
  public static Predictions of(Model model, Dataset test, boolean probabilities) {
    INDArray predicted = probabilities && Classifier.classifying(model)
        ? ((Classifier) model).predictProba(test.features()) : model.predict(test.features());
    return new Predictions(test.labels(), predicted);
  }

  /**
   * Checks that there is one prediction, or one row of scores, per true value.
   *
   * @throws KilnException when the lengths differ, naming both shapes
   */
  public Predictions {
    boolean scoreRows = predicted.rank() == 2 && predicted.size(0) == truth.length();
    if (truth.length() != predicted.length() && !scoreRows) {
      throw new KilnException("truth and prediction differ in length: truth " + Arrays.toString(truth.shape())
          + ", prediction " + Arrays.toString(predicted.shape()) + "; pass one prediction per true value");
    }
  }
}
