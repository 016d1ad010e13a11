package dev.kiln.api;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** "Did you mean" suggestions for misspelled option and plugin names (Levenshtein edit distance). */
public final class Names {
  private Names() {}

  /** The closest candidate within an edit distance of max(2, a third of its length), if any. */
  public static Optional<String> closest(String name, Collection<String> candidates) {
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

  /** Levenshtein distance with the two-row dynamic programme. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
