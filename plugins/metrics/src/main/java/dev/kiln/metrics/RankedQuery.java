package dev.kiln.metrics;

import dev.kiln.api.Score;
import dev.kiln.api.metric.Rankings;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One query's candidates grouped by score, best first: candidates with equal scores form one tie group.
 * The ranking metrics read the groups in one of two ways, each scikit-learn's: the threshold view (a group is
 * retrieved at once, so a candidate's rank is the number of candidates scored at least as high, as in
 * {@code average_precision_score} and {@code label_ranking_average_precision_score}) or the tie-averaged view
 * (the group's relevance is spread evenly over the positions it covers, which is the expectation over every
 * order of the ties, as in {@code ndcg_score}).
 *
 * <p>Grouping costs one primitive sort of the scores and a binary search per candidate.
 *
 * <p>Reference: scikit-learn 1.2 {@code sklearn/metrics/_ranking.py}; McSherry and Najork, "Computing
 * information retrieval performance measures efficiently in the presence of tied scores", ECIR 2008.
 */
final class RankedQuery {
  /** Candidates in each group. */
  final int[] size;
  /** Summed relevance of each group. */
  final double[] gain;
  /** Candidates with relevance {@code > 0} in each group. */
  final int[] relevant;
  /** Relevance values sorted descending (the ideal ranking). */
  final double[] ideal;
  /** Candidates with relevance {@code > 0} in the query. */
  final int totalRelevant;

  private RankedQuery(int[] size, double[] gain, int[] relevant, double[] ideal, int totalRelevant) {
    this.size = size;
    this.gain = gain;
    this.relevant = relevant;
    this.ideal = ideal;
    this.totalRelevant = totalRelevant;
  }

  static RankedQuery of(double[] relevance, double[] scores) {
    double[] distinct = Inputs.distinct(scores);
    int groups = distinct.length;
    int[] size = new int[groups];
    double[] gain = new double[groups];
    int[] relevant = new int[groups];
    int total = 0;
    for (int i = 0; i < scores.length; i++) {
      int g = groups - 1 - Arrays.binarySearch(distinct, scores[i] + 0.0);
      size[g]++;
      gain[g] += relevance[i];
      relevant[g] += relevance[i] > 0 ? 1 : 0;
      total += relevance[i] > 0 ? 1 : 0;
    }
    double[] ideal = Arrays.stream(relevance).map(r -> -r).sorted().map(r -> -r).toArray();
    return new RankedQuery(size, gain, relevant, ideal, total);
  }

  /** The number of candidates. */
  int candidates() {
    return ideal.length;
  }

  /** The relevant candidates among the top {@code k} positions, ties averaged. */
  double relevantInTop(int k) {
    double count = 0;
    for (int g = 0, start = 0; g < size.length && start < k; start += size[g], g++) {
      count += (double) relevant[g] / size[g] * (Math.min(start + size[g], k) - start);
    }
    return count;
  }

  /** A metric of one query at cut-off {@code k}. */
  interface PerQuery {
    double score(RankedQuery query, int k);
  }

  /**
   * The mean of {@code perQuery} over the queries, the cut-off being {@code options.k()} or, when 0, each
   * query's number of candidates. Details: {@code perQuery}, {@code queries}, {@code k} and
   * {@code queriesWithoutRelevant}.
   */
  static Score mean(Rankings rankings, RankingOptions options, PerQuery perQuery) {
    double[] values = new double[rankings.size()];
    long withoutRelevant = 0;
    double sum = 0;
    for (int q = 0; q < values.length; q++) {
      RankedQuery query = of(rankings.relevance(q), rankings.scores(q));
      values[q] = perQuery.score(query, options.k() == 0 ? query.candidates() : options.k());
      sum += values[q];
      withoutRelevant += query.totalRelevant == 0 ? 1 : 0;
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("perQuery", values);
    details.put("queries", (long) values.length);
    details.put("k", options.k());
    details.put("queriesWithoutRelevant", withoutRelevant);
    return new Score(sum / values.length, details);
  }
}
