package dev.kiln.metrics;

import dev.kiln.api.Metric;
import dev.kiln.api.Predictions;
import dev.kiln.api.Score;

/**
 * Precision {@code tp / (tp + fp)}: the fraction of predictions of a class that are right.
 *
 * <p>Precision: the fraction of predictions of a class that are right. Averaging ({@code average}: binary, macro,
 * micro, weighted, none), the declared {@code labels} and {@code zeroDivision} follow {@link FScores}; multi-class
 * input needs an explicit {@code average}. Details: the averaged precision, recall and F-score, per-class values
 * and supports, and the labels whose values fell back to {@code zeroDivision}.
 *
 * <p>Reference: scikit-learn 1.2 {@code sklearn.metrics.precision_score}.
 */
public final class Precision implements Metric<Predictions> {
  private final ClassificationOptions options;

  public Precision(ClassificationOptions options) {
    this.options = options;
  }

  public ClassificationOptions options() {
    return options;
  }

  @Override
  public Score score(Predictions input) {
    return FScores.score("precision", input, options, FScores.Headline.PRECISION);
  }

  /** The {@code precision} plugin. */
  public static final class Plugin extends ClassificationPlugin {
    public Plugin() {
      super(Precision::new);
    }

    @Override
    public String name() {
      return "precision";
    }

    @Override
    public String summary() {
      return "precision tp / (tp + fp) per class, binary or averaged (scikit-learn semantics)";
    }

    @Override
    public String description() {
      return """
          Precision: the fraction of predictions of a class that are right.
          """ + FScores.HELP + """
          Reference: scikit-learn 1.2 sklearn.metrics.precision_score.
          """;
    }
  }
}
