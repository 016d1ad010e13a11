package dev.kiln.metrics;

import dev.kiln.api.Metric;
import dev.kiln.api.Score;
import dev.kiln.api.metric.Rankings;

/**
 * Mean reciprocal rank {@code MRR = (1/|Q|) Σ_q 1 / rank_q}, {@code rank_q} being the rank of the best-ranked
 * relevant candidate (relevance {@code > 0}) of query {@code q}, and {@code 1/rank_q = 0} when it lies below the
 * cut-off {@code k} or the query has no relevant candidate. Ties take the threshold view of {@link RankedQuery}:
 * a rank counts every candidate scored at least as high, so with one relevant candidate per query MRR equals
 * scikit-learn's {@code label_ranking_average_precision_score}.
 *
 * <p>Reference: Voorhees, "The TREC-8 Question Answering Track Report", TREC 1999; scikit-learn 1.2
 * {@code sklearn.metrics.label_ranking_average_precision_score} (its rank convention).
 */
public final class Mrr implements Metric<Rankings> {
  private final RankingOptions options;

  public Mrr(RankingOptions options) {
    this.options = options;
  }

  @Override
  public Score score(Rankings input) {
    return RankedQuery.mean(input, options, Mrr::reciprocalRank);
  }

  /** {@code 1 / rank} of the first relevant candidate within the top {@code k}, else 0. */
  static double reciprocalRank(RankedQuery query, int k) {
    for (int g = 0, end = 0; g < query.size.length; g++) {
      end += query.size[g];
      if (query.relevant[g] > 0) {
        return end <= k ? 1.0 / end : 0;
      }
    }
    return 0;
  }

  /** The {@code mrr} plugin. */
  public static final class Plugin extends RankingPlugin {
    public Plugin() {
      super(Mrr::new);
    }

    @Override
    public String name() {
      return "mrr";
    }

    @Override
    public String summary() {
      return "mean reciprocal rank of the first relevant candidate per query, optionally within the top k";
    }

    @Override
    public String description() {
      return """
          MRR = mean over queries of 1 / rank of the best-ranked relevant candidate (relevance > 0), 0 when
          it ranks below k or the query has none. Tied candidates are retrieved together: a rank counts every
          candidate scored at least as high (scikit-learn's label_ranking_average_precision_score convention).
          Input: (relevance, scores) as per-query lists, or matrices [queries, candidates].
          Reference: Voorhees, TREC-8 Question Answering Track Report, 1999; scikit-learn 1.2.
          """;
    }
  }
}
