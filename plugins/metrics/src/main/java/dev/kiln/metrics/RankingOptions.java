package dev.kiln.metrics;

import dev.kiln.api.Option;
import dev.kiln.api.Params;
import dev.kiln.api.Schema;

/**
 * The option of the ranking metrics ({@code mrr}, {@code map}, {@code ndcg}, {@code precision-at-k},
 * {@code recall-at-k}), validated on construction.
 *
 * @param k the cut-off: only the top {@code k} positions count; 0 for every candidate of each query
 */
public record RankingOptions(int k) {
  static final Option<Integer> K = Option.integer("k", 0,
      "cut-off: only the top k positions of each ranking count; 0 = all candidates").min(0);

  /** The schema of the ranking metrics. */
  static final Schema SCHEMA = Schema.of(K);

  public RankingOptions {
    K.check(k);
  }

  /** The options in validated {@code params} of {@link #SCHEMA}. */
  static RankingOptions from(Params params) {
    return new RankingOptions(params.get(K));
  }
}
