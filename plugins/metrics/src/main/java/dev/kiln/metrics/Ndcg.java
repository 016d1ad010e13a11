package dev.kiln.metrics;

import dev.kiln.api.Metric;
import dev.kiln.api.Score;
import dev.kiln.api.metric.Rankings;

/**
 * Normalised discounted cumulative gain {@code NDCG@k = DCG@k / IDCG@k}, with graded relevance {@code rel} as the
 * gain and {@code DCG@k = Σ_{i<k} rel_(i) / log₂(i + 2)} over the candidates in score order; {@code IDCG@k} is
 * the DCG of the ideal order and a query with no relevance scores 0. Tied scores share their positions: each
 * takes the mean gain of its group (the tie-averaged view of {@link RankedQuery}), exactly scikit-learn's
 * {@code ndcg_score} with {@code ignore_ties=False}.
 *
 * <p>Reference: Järvelin and Kekäläinen, "Cumulated gain-based evaluation of IR techniques", ACM TOIS 20(4),
 * 2002; scikit-learn 1.2 {@code sklearn.metrics.ndcg_score}.
 */
public final class Ndcg implements Metric<Rankings> {
  private final RankingOptions options;

  public Ndcg(RankingOptions options) {
    this.options = options;
  }

  @Override
  public Score score(Rankings input) {
    return RankedQuery.mean(input, options, Ndcg::ndcg);
  }

  /** DCG over IDCG at cut-off {@code k}, ties averaged; 0 when the ideal DCG is 0. */
  static double ndcg(RankedQuery query, int k) {
    int m = query.candidates();
    double[] discountSum = new double[m + 1];
    double ideal = 0;
    for (int i = 0; i < m; i++) {
      double discount = i < k ? 1 / (Math.log(i + 2) / Math.log(2)) : 0;
      discountSum[i + 1] = discountSum[i] + discount;
      ideal += discount * query.ideal[i];
    }
    double dcg = 0;
    for (int g = 0, start = 0; g < query.size.length; start += query.size[g], g++) {
      dcg += query.gain[g] / query.size[g] * (discountSum[start + query.size[g]] - discountSum[start]);
    }
    return ideal == 0 ? 0 : dcg / ideal;
  }

  /** The {@code ndcg} plugin. */
  public static final class Plugin extends RankingPlugin {
    public Plugin() {
      super(Ndcg::new);
    }

    @Override
    public String name() {
      return "ndcg";
    }

    @Override
    public String summary() {
      return "normalised discounted cumulative gain with graded relevance and tie averaging (sklearn ndcg_score)";
    }

    @Override
    public String description() {
      return """
          NDCG@k = DCG@k / IDCG@k per query, averaged, with DCG@k = sum_{i<k} rel_(i) / log2(i + 2) over the
          candidates in score order (the relevance itself is the gain) and IDCG@k the DCG of the ideal
          order; 0 for a query with no relevance. Tied scores share their positions (each gets the mean gain
          of its group), exactly scikit-learn's ndcg_score(ignore_ties=False). k = 0: every position.
          Input: (relevance, scores) as per-query lists, or matrices [queries, candidates].
          Reference: Jarvelin & Kekalainen, ACM TOIS 2002; scikit-learn 1.2 sklearn.metrics.ndcg_score.
          """;
    }
  }
}
