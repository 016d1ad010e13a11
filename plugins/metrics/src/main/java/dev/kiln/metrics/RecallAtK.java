package dev.kiln.metrics;

import dev.kiln.api.Metric;
import dev.kiln.api.Score;
import dev.kiln.api.metric.Rankings;

/**
 * Recall at k {@code R@k = |relevant ∩ top k| / |relevant|}, averaged over queries (binary relevance:
 * {@code > 0}); a query without relevant candidates scores 0. Tied scores share their positions as in
 * {@link PrecisionAtK}.
 *
 * <p>Reference: Manning, Raghavan, Schütze, "Introduction to Information Retrieval", §8.4; McSherry and
 * Najork, ECIR 2008 (tied scores).
 */
public final class RecallAtK implements Metric<Rankings> {
  private final RankingOptions options;

  public RecallAtK(RankingOptions options) {
    this.options = options;
  }

  @Override
  public Score score(Rankings input) {
    return RankedQuery.mean(input, options, RecallAtK::recall);
  }

  /** The tie-averaged relevant count in the top {@code k}, over the relevant count (0 when none). */
  static double recall(RankedQuery query, int k) {
    return query.totalRelevant == 0 ? 0 : query.relevantInTop(k) / query.totalRelevant;
  }

  /** The {@code recall-at-k} plugin. */
  public static final class Plugin extends RankingPlugin {
    public Plugin() {
      super(RecallAtK::new);
    }

    @Override
    public String name() {
      return "recall-at-k";
    }

    @Override
    public String summary() {
      return "recall at k: the fraction of the relevant candidates ranked in the top k, ties averaged";
    }

    @Override
    public String description() {
      return """
          R@k = (relevant candidates among the top k) / (relevant candidates) per query, averaged; relevance
          > 0 is relevant, a query without relevant candidates scores 0, and k = 0 means every candidate.
          Tied scores share their positions as in precision-at-k (expectation over the orders of ties).
          Input: (relevance, scores) as per-query lists, or matrices [queries, candidates].
          Reference: Manning et al., Introduction to Information Retrieval, section 8.4; McSherry & Najork,
          ECIR 2008.
          """;
    }
  }
}
