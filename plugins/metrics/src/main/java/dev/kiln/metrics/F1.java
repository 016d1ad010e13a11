package dev.kiln.metrics;

import dev.kiln.api.Metric;
import dev.kiln.api.Predictions;
import dev.kiln.api.Score;

/**
 * F1 {@code 2PR / (P + R)}: the harmonic mean of precision and recall.
 *
 * <p>F1 = 2 P R / (P + R), the harmonic mean of precision and recall (F-beta with beta = 1). Averaging
 * ({@code average}: binary, macro, micro, weighted, none), the declared {@code labels} and {@code zeroDivision}
 * follow {@link FScores}; multi-class input needs an explicit {@code average}. Details: the averaged precision,
 * recall and F-score, per-class values and supports, and the labels whose values fell back to
 * {@code zeroDivision}.
 *
 * <p>Reference: scikit-learn 1.2 {@code sklearn.metrics.f1_score}.
 */
public final class F1 implements Metric<Predictions> {
  private final ClassificationOptions options;

  public F1(ClassificationOptions options) {
    this.options = options;
  }

  public ClassificationOptions options() {
    return options;
  }

  @Override
  public Score score(Predictions input) {
    return FScores.score("f1", input, options, FScores.Headline.F_SCORE);
  }

  /** The {@code f1} plugin. */
  public static final class Plugin extends ClassificationPlugin {
    public Plugin() {
      super(F1::new);
    }

    @Override
    public String name() {
      return "f1";
    }

    @Override
    public String summary() {
      return "F1, the harmonic mean of precision and recall, binary or averaged (scikit-learn semantics)";
    }

    @Override
    public String description() {
      return """
          F1 = 2 P R / (P + R), the harmonic mean of precision and recall (F-beta with beta = 1).
          """ + FScores.HELP + """
          Reference: scikit-learn 1.2 sklearn.metrics.f1_score.
          """;
    }
  }
}
