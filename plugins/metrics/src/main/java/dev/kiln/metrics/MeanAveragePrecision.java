package dev.kiln.metrics;

import dev.kiln.api.Metric;
import dev.kiln.api.Score;
import dev.kiln.api.metric.Rankings;

/**
 * Mean average precision {@code MAP = (1/|Q|) Σ_q AP_q} with
 * {@code AP_q = Σₙ (Rₙ − Rₙ₋₁) Pₙ} over the score thresholds of query {@code q} (binary relevance: {@code > 0}),
 * exactly scikit-learn's {@code average_precision_score} per query; tied candidates are retrieved together.
 * With a cut-off {@code k}, only thresholds whose retrieved set holds at most {@code k} candidates count and the
 * sum is divided by {@code min(R, k)} instead of {@code R}, the usual AP@k. A query without relevant candidates
 * scores 0.
 *
 * <p>Reference: Manning, Raghavan, Schütze, "Introduction to Information Retrieval", §8.4; scikit-learn 1.2
 * {@code sklearn.metrics.average_precision_score}.
 */
public final class MeanAveragePrecision implements Metric<Rankings> {
  private final RankingOptions options;

  public MeanAveragePrecision(RankingOptions options) {
    this.options = options;
  }

  @Override
  public Score score(Rankings input) {
    return RankedQuery.mean(input, options, MeanAveragePrecision::averagePrecision);
  }

  /** AP at cut-off {@code k}: {@code Σ_groups r_g · P_g / min(R, k)} over groups ending within the top k. */
  static double averagePrecision(RankedQuery query, int k) {
    if (query.totalRelevant == 0) {
      return 0;
    }
    double sum = 0;
    long hits = 0;
    for (int g = 0, end = 0; g < query.size.length && end + query.size[g] <= k; g++) {
      end += query.size[g];
      if (query.relevant[g] > 0) {
        hits += query.relevant[g];
        sum += query.relevant[g] * ((double) hits / end);
      }
    }
    return sum / Math.min(query.totalRelevant, k);
  }

  /** The {@code map} plugin. */
  public static final class Plugin extends RankingPlugin {
    public Plugin() {
      super(MeanAveragePrecision::new);
    }

    @Override
    public String name() {
      return "map";
    }

    @Override
    public String summary() {
      return "mean average precision over queries (scikit-learn's average precision per query), optionally at k";
    }

    @Override
    public String description() {
      return """
          MAP = mean over queries of AP = sum_n (R_n - R_{n-1}) * P_n over the score thresholds (relevance > 0
          is relevant; tied candidates are retrieved together), scikit-learn's average_precision_score per
          query. With k > 0, only thresholds retrieving at most k candidates count and AP is divided by
          min(R, k) instead of R (AP@k). A query without relevant candidates scores 0.
          Input: (relevance, scores) as per-query lists, or matrices [queries, candidates].
          Reference: Manning et al., Introduction to Information Retrieval, section 8.4; scikit-learn 1.2.
          """;
    }
  }
}
