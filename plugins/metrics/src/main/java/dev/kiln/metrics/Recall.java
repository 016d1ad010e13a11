package dev.kiln.metrics;

import dev.kiln.api.Metric;
import dev.kiln.api.Predictions;
import dev.kiln.api.Score;

/**
 * Recall {@code tp / (tp + fn)}: the fraction of a class's true samples that are found.
 *
 * <p>Recall: the fraction of a class's true samples that are found. Averaging ({@code average}: binary, macro,
 * micro, weighted, none), the declared {@code labels} and {@code zeroDivision} follow {@link FScores}; multi-class
 * input needs an explicit {@code average}. Details: the averaged precision, recall and F-score, per-class values
 * and supports, and the labels whose values fell back to {@code zeroDivision}.
 *
 * <p>Reference: scikit-learn 1.2 {@code sklearn.metrics.recall_score}.
 */
public final class Recall implements Metric<Predictions> {
  private final ClassificationOptions options;

  public Recall(ClassificationOptions options) {
    this.options = options;
  }

  public ClassificationOptions options() {
    return options;
  }

  @Override
  public Score score(Predictions input) {
    return FScores.score("recall", input, options, FScores.Headline.RECALL);
  }

  /** The {@code recall} plugin. */
  public static final class Plugin extends ClassificationPlugin {
    public Plugin() {
      super(Recall::new);
    }

    @Override
    public String name() {
      return "recall";
    }

    @Override
    public String summary() {
      return "recall tp / (tp + fn) per class, binary or averaged (scikit-learn semantics)";
    }

    @Override
    public String description() {
      return """
          Recall: the fraction of a class's true samples that are found.
          """ + FScores.HELP + """
          Reference: scikit-learn 1.2 sklearn.metrics.recall_score.
          """;
    }
  }
}
