package dev.kiln.api;

/**
 * A plugin that creates {@link Metric}s; registered in {@code META-INF/services/dev.kiln.api.MetricProvider}.
 * {@link #inputType()} says what the metric scores, and {@link #input} builds that input from the two plain
 * values a script passes (truth first), so that the shell works with any metric plugin unchanged.
 */
public interface MetricProvider extends Provider<Metric<?>> {
  /** The type of input the created metrics score, such as {@link Predictions}. */
  Class<?> inputType();

  /**
   * Whether the created metrics score a classifier's class probabilities ({@code predictProba}), as ROC AUC and
   * log loss do, rather than its predicted classes; cross-validation and validation pass what the metric takes.
   */
  default boolean scoresProbabilities() {
    return false;
  }

  /**
   * This metric's input from two plain values: tensors, primitive arrays, nested {@link java.util.List}s of
   * numbers or strings (see {@link dev.kiln.api.data.NestedArrays}). The default builds {@link Predictions};
   * metrics with another input type override it.
   */
  default Object input(Object truth, Object predicted) {
    if (inputType() != Predictions.class) {
      throw new IllegalStateException(name() + " scores " + inputType().getSimpleName() + " but does not "
          + "override MetricProvider.input");
    }
    return Predictions.from(truth, predicted);
  }
}
