package dev.kiln.api.metric;

import dev.kiln.api.KilnException;
import java.util.Arrays;

/**
 * What ranking metrics (MRR, MAP, NDCG, precision and recall at k) score: for each query, the graded
 * relevance of its candidates (0 = irrelevant) and the scores a system gave them, higher first. Queries may
 * have different numbers of candidates.
 *
 * <p>Validated on construction: as many score lists as relevance lists, each pair of one length of at least
 * one, relevance finite and {@code >= 0}, scores finite; each failure is one line naming the counts and the
 * first position. The arrays are copied in and out, so a {@code Rankings} never changes.
 *
 * @param relevance per query, the relevance of each candidate
 * @param scores per query, the score of each candidate
 */
public record Rankings(double[][] relevance, double[][] scores) {
  /**
   * Checks the queries as described above and copies the arrays in.
   *
   * @throws KilnException on a count or length mismatch, an empty query, or a non-finite or negative value
   */
  public Rankings {
    if (relevance.length != scores.length) {
      throw new KilnException("relevance has " + relevance.length + " queries but scores have " + scores.length
          + "; pass one list of scores per query");
    }
    if (relevance.length == 0) {
      throw new KilnException("no queries to score: pass at least one list of relevance values and scores");
    }
    for (int q = 0; q < relevance.length; q++) {
      if (relevance[q].length != scores[q].length) {
        throw new KilnException("query " + q + " has " + relevance[q].length + " relevance values but "
            + scores[q].length + " scores; pass one score per candidate");
      }
      if (relevance[q].length == 0) {
        throw new KilnException("query " + q + " has no candidates; drop it or give it at least one");
      }
    }
    requireValid(relevance, "relevance", true);
    requireValid(scores, "scores", false);
    relevance = deepCopy(relevance);
    scores = deepCopy(scores);
  }

  /**
   * Rankings from plain values: a matrix {@code [queries, candidates]} (tensor, {@code double[][]} or nested
   * lists), lists of per-query lists of different lengths, or one query as a flat list or vector.
   */
  public static Rankings from(Object relevance, Object scores) {
    return new Rankings(PlainValues.rows(relevance, "relevance"), PlainValues.rows(scores, "scores"));
  }

  /** The number of queries. */
  public int size() {
    return relevance.length;
  }

  /** The relevance of each candidate, {@code [queries][candidates]}; a deep copy on every call. */
  @Override
  public double[][] relevance() {
    return deepCopy(relevance);
  }

  /** The score of each candidate, {@code [queries][candidates]}; a deep copy on every call. */
  @Override
  public double[][] scores() {
    return deepCopy(scores);
  }

  /** A copy of the relevance values of query {@code q}. */
  public double[] relevance(int q) {
    return relevance[q].clone();
  }

  /** A copy of the scores of query {@code q}. */
  public double[] scores(int q) {
    return scores[q].clone();
  }

  private static void requireValid(double[][] rows, String what, boolean nonNegative) {
    int bad = 0;
    String first = null;
    for (int q = 0; q < rows.length; q++) {
      for (int i = 0; i < rows[q].length; i++) {
        double v = rows[q][i];
        if (!Double.isFinite(v) || (nonNegative && v < 0)) {
          bad++;
          first = first != null ? first : what + "[" + q + "][" + i + "] is " + v;
        }
      }
    }
    if (bad > 0) {
      throw new KilnException(first + " (" + bad + " such values in " + rows.length + " queries); every "
          + (nonNegative ? "relevance value must be a finite number >= 0" : "score must be a finite number"));
    }
  }

  private static double[][] deepCopy(double[][] rows) {
    double[][] out = new double[rows.length][];
    for (int q = 0; q < rows.length; q++) {
      out[q] = rows[q].clone();
    }
    return out;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Rankings r && Arrays.deepEquals(relevance, r.relevance)
        && Arrays.deepEquals(scores, r.scores);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.deepHashCode(relevance) + Arrays.deepHashCode(scores);
  }

  @Override
  public String toString() {
    return "Rankings[" + relevance.length + " queries]";
  }
}
