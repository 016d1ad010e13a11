package dev.kiln.metrics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The ROUGE scores of one (target, prediction) pair of token id sequences, as rouge-score computes them:
 * <pre>
 *   ROUGE-N:    P = |g_t ∩ g_p| / |g_p|,  R = |g_t ∩ g_p| / |g_t|   over n-gram multisets (denominators at least 1)
 *   ROUGE-L:    P = LCS(t, p) / |p|,      R = LCS(t, p) / |t|
 *   ROUGE-Lsum: P = hits / |p|,  R = hits / |t|,  hits = Σ over target sentences r of |∪_c LCS(r, c)|,
 *               each token counted at most as often as it occurs in both summaries
 *   F = 2PR / (P + R)   (0 when P + R = 0)
 * </pre>
 * The union LCS takes, for each prediction sentence, the one longest common subsequence that rouge-score's
 * backtracking picks (diagonal on a match, else left only when strictly better), so ties resolve alike.
 *
 * <p>Reference: Lin, "ROUGE: A Package for Automatic Evaluation of Summaries", ACL Workshop on Text
 * Summarization Branches Out, 2004, §2–3; rouge-score 0.1.2 {@code rouge_score/rouge_scorer.py}.
 */
final class RougeScores {
  private RougeScores() {}

  /** Precision, recall and their harmonic mean. */
  record Prf(double precision, double recall, double fmeasure) {
    static Prf of(double precision, double recall) {
      double sum = precision + recall;
      return new Prf(precision, recall, sum > 0 ? 2 * precision * recall / sum : 0);
    }
  }

  static Prf ngrams(int[] target, int[] prediction, int n) {
    Map<NGrams.Gram, Integer> targetCounts = NGrams.count(target, n, n);
    Map<NGrams.Gram, Integer> predictionCounts = NGrams.count(prediction, n, n);
    long overlap = 0;
    for (Map.Entry<NGrams.Gram, Integer> entry : targetCounts.entrySet()) {
      overlap += Math.min(entry.getValue(), predictionCounts.getOrDefault(entry.getKey(), 0));
    }
    int targetTotal = Math.max(target.length - n + 1, 0);
    int predictionTotal = Math.max(prediction.length - n + 1, 0);
    return Prf.of((double) overlap / Math.max(predictionTotal, 1), (double) overlap / Math.max(targetTotal, 1));
  }

  static Prf lcs(int[] target, int[] prediction) {
    if (target.length == 0 || prediction.length == 0) {
      return new Prf(0, 0, 0);
    }
    int[] previous = new int[prediction.length + 1];
    int[] current = new int[prediction.length + 1];
    for (int t : target) {
      for (int j = 1; j <= prediction.length; j++) {
        current[j] = t == prediction[j - 1] ? previous[j - 1] + 1 : Math.max(previous[j], current[j - 1]);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    int length = previous[prediction.length];
    return Prf.of((double) length / prediction.length, (double) length / target.length);
  }

  static Prf summaryLcs(List<int[]> target, List<int[]> prediction) {
    int m = target.stream().mapToInt(s -> s.length).sum();
    int n = prediction.stream().mapToInt(s -> s.length).sum();
    if (m == 0 || n == 0) {
      return new Prf(0, 0, 0);
    }
    Map<Integer, Integer> targetLeft = counts(target);
    Map<Integer, Integer> predictionLeft = counts(prediction);
    long hits = 0;
    for (int[] sentence : target) {
      TreeSet<Integer> union = new TreeSet<>();
      for (int[] candidate : prediction) {
        addLcsIndices(sentence, candidate, union);
      }
      for (int index : union) {
        int token = sentence[index];
        if (targetLeft.getOrDefault(token, 0) > 0 && predictionLeft.getOrDefault(token, 0) > 0) {
          hits++;
          targetLeft.merge(token, -1, Integer::sum);
          predictionLeft.merge(token, -1, Integer::sum);
        }
      }
    }
    return Prf.of((double) hits / n, (double) hits / m);
  }

  private static Map<Integer, Integer> counts(List<int[]> sentences) {
    Map<Integer, Integer> counts = new HashMap<>();
    for (int[] sentence : sentences) {
      for (int token : sentence) {
        counts.merge(token, 1, Integer::sum);
      }
    }
    return counts;
  }

  /** Adds the indices into {@code ref} of one LCS with {@code can}, read back as rouge-score's backtracking does. */
  private static void addLcsIndices(int[] ref, int[] can, Set<Integer> into) {
    int[][] table = new int[ref.length + 1][can.length + 1];
    for (int i = 1; i <= ref.length; i++) {
      for (int j = 1; j <= can.length; j++) {
        table[i][j] = ref[i - 1] == can[j - 1] ? table[i - 1][j - 1] + 1
            : Math.max(table[i - 1][j], table[i][j - 1]);
      }
    }
    for (int i = ref.length, j = can.length; i > 0 && j > 0; ) {
      if (ref[i - 1] == can[j - 1]) {
        into.add(i - 1);
        i--;
        j--;
      } else if (table[i][j - 1] > table[i - 1][j]) {
        j--;
      } else {
        i--;
      }
    }
  }
}
