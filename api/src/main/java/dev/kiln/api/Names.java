package dev.kiln.api;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** "Did you mean" suggestions for misspelled option and plugin names (edit distance with transpositions). */
public final class Names {
  private Names() {}

  /**
   * The one candidate that begins with {@code name} (an abbreviation, such as {@code :rel} of {@code :reload}),
   * else the closest candidate within an edit distance of max(2, a third of its length), if any.
   */
  public static Optional<String> closest(String name, Collection<String> candidates) {
    List<String> started = candidates.stream().filter(c -> name.length() > 1 && c.startsWith(name)).toList();
    if (started.size() == 1) {
      return Optional.of(started.get(0));
    }
    return candidates.stream()
        .filter(c -> distance(name.toLowerCase(), c.toLowerCase()) <= Math.max(2, c.length() / 3))
        .min(Comparator.comparingInt((String c) -> distance(name.toLowerCase(), c.toLowerCase()))
            .thenComparing(Comparator.naturalOrder()));
  }

  /** " (did you mean 'x'?)" or "" when nothing is close. */
  public static String suggestion(String name, Collection<String> candidates) {
    return closest(name, candidates).map(c -> " (did you mean '" + c + "'?)").orElse("");
  }

  /** The candidates, sorted and comma-separated, for "valid: ..." parts of messages. */
  public static String list(Collection<String> candidates) {
    return String.join(", ", candidates.stream().sorted().toList());
  }

  /**
   * Optimal-string-alignment distance: Levenshtein's insertions, deletions and substitutions, plus swaps of
   * two neighbouring characters, each costing 1 (so "sdg" is one edit from "sgd").
   */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
