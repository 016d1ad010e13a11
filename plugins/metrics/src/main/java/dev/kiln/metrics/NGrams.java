package dev.kiln.metrics;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Token ids and n-gram counts shared by BLEU and ROUGE. Tokens are interned to integer ids (one table per
 * scoring call), and an n-gram is a slice of an id array compared by content, so counting allocates one small
 * key per n-gram and never builds strings.
 */
final class NGrams {
  private final Map<String, Integer> ids = new HashMap<>();

  /** The ids of {@code tokens}, new tokens getting the next free id. */
  int[] ids(List<String> tokens) {
    int[] out = new int[tokens.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ids.computeIfAbsent(tokens.get(i), t -> ids.size());
    }
    return out;
  }

  /** The n-gram {@code ids[from, from + n)}, equal to any other slice with the same ids. */
  record Gram(int[] ids, int from, int n) {
    @Override
    public boolean equals(Object other) {
      return other instanceof Gram g && g.n == n
          && Arrays.equals(ids, from, from + n, g.ids, g.from, g.from + n);
    }

    @Override
    public int hashCode() {
      int hash = n;
      for (int i = from; i < from + n; i++) {
        hash = 31 * hash + ids[i];
      }
      return hash;
    }
  }

  /** The counts of the n-grams of every order from {@code minOrder} to {@code maxOrder}. */
  static Map<Gram, Integer> count(int[] ids, int minOrder, int maxOrder) {
    Map<Gram, Integer> counts = new HashMap<>();
    for (int n = minOrder; n <= maxOrder; n++) {
      for (int i = 0; i + n <= ids.length; i++) {
        counts.merge(new Gram(ids, i, n), 1, Integer::sum);
      }
    }
    return counts;
  }
}
