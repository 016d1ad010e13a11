package dev.kiln.metrics;

import dev.kiln.api.Metric;
import dev.kiln.api.MetricProvider;
import dev.kiln.api.Params;
import dev.kiln.api.Predictions;
import dev.kiln.api.Schema;
import dev.kiln.api.Score;

/**
 * F-beta {@code (1 + β²)PR / (β²P + R)}: precision and recall with recall weighted β times as much.
 *
 * <p>F-beta weighs recall beta times as much as precision; beta = 1 gives F1, beta = 0 precision. Averaging
 * ({@code average}: binary, macro, micro, weighted, none), the declared {@code labels} and {@code zeroDivision}
 * follow {@link FScores}; multi-class input needs an explicit {@code average}. Details: the averaged precision,
 * recall and F-score, per-class values and supports, and the labels whose values fell back to
 * {@code zeroDivision}.
 *
 * <p>Reference: scikit-learn 1.2 {@code sklearn.metrics.fbeta_score}.
 */
public final class FBeta implements Metric<Predictions> {
  private final ClassificationOptions options;

  public FBeta(ClassificationOptions options) {
    this.options = options;
  }

  public ClassificationOptions options() {
    return options;
  }

  @Override
  public Score score(Predictions input) {
    return FScores.score("fbeta", input, options, FScores.Headline.F_SCORE);
  }

  /** The {@code fbeta} plugin. */
  public static final class Plugin implements MetricProvider {
    @Override
    public String name() {
      return "fbeta";
    }

    @Override
    public String summary() {
      return "F-beta: precision and recall combined with recall weighted by beta (scikit-learn semantics)";
    }

    @Override
    public String description() {
      return """
          F-beta weighs recall beta times as much as precision; beta = 1 gives F1, beta = 0 precision.
          """ + FScores.HELP + """
          Reference: scikit-learn 1.2 sklearn.metrics.fbeta_score.
          """;
    }

    @Override
    public Schema schema() {
      return ClassificationOptions.FBETA_SCHEMA;
    }

    @Override
    public Metric<?> create(Params params) {
      return new FBeta(ClassificationOptions.from(params));
    }

    @Override
    public Class<?> inputType() {
      return Predictions.class;
    }
  }
}
