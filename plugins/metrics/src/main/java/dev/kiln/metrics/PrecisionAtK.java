package dev.kiln.metrics;

import dev.kiln.api.Metric;
import dev.kiln.api.Score;
import dev.kiln.api.metric.Rankings;

/**
 * Precision at k {@code P@k = |relevant ∩ top k| / k}, averaged over queries (binary relevance: {@code > 0});
 * without a cut-off, {@code k} is each query's number of candidates. Tied scores share their positions: a
 * group straddling position {@code k} contributes its share of relevant candidates in proportion to the positions
 * it covers, the expectation over every order of the ties (the tie-averaged view of {@link RankedQuery}, as
 * scikit-learn's {@code ndcg_score} treats ties).
 *
 * <p>Reference: Manning, Raghavan, Schütze, "Introduction to Information Retrieval", §8.4; McSherry and
 * Najork, ECIR 2008 (tied scores).
 */
public final class PrecisionAtK implements Metric<Rankings> {
  private final RankingOptions options;

  public PrecisionAtK(RankingOptions options) {
    this.options = options;
  }

  @Override
  public Score score(Rankings input) {
    return RankedQuery.mean(input, options, PrecisionAtK::precision);
  }

  /** The tie-averaged relevant count in the top {@code k}, over {@code k}. */
  static double precision(RankedQuery query, int k) {
    return query.relevantInTop(k) / k;
  }

  /** The {@code precision-at-k} plugin. */
  public static final class Plugin extends RankingPlugin {
    public Plugin() {
      super(PrecisionAtK::new);
    }

    @Override
    public String name() {
      return "precision-at-k";
    }

    @Override
    public String summary() {
      return "precision at k: the fraction of the top k candidates that are relevant, ties averaged";
    }

    @Override
    public String description() {
      return """
          P@k = (relevant candidates among the top k) / k per query, averaged; relevance > 0 is relevant and
          k = 0 means every candidate. Tied scores share their positions: a tie group crossing position k
          counts its relevant candidates in proportion to the positions it covers (the expectation over
          every order of the ties, as scikit-learn's ndcg_score treats ties).
          Input: (relevance, scores) as per-query lists, or matrices [queries, candidates].
          Reference: Manning et al., Introduction to Information Retrieval, section 8.4; McSherry & Najork,
          ECIR 2008.
          """;
    }
  }
}
