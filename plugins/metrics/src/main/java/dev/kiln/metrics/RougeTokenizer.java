package dev.kiln.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * rouge-score's default tokenizer: lowercase the text, treat every character other than {@code [a-z0-9]} as a
 * separator, and (with the stemmer) replace each token longer than three characters by its Porter stem
 * ({@link PorterStemmer}, NLTK's variant). Stems are cached per tokenizer.
 *
 * <p>Reference: rouge-score 0.1.2 {@code rouge_score/tokenize.py} and {@code tokenizers.py} (Google Research).
 */
final class RougeTokenizer {
  private final boolean stem;
  private final Map<String, String> stems = new HashMap<>();

  RougeTokenizer(boolean stem) {
    this.stem = stem;
  }

  /** The tokens of {@code text}: its maximal runs of {@code [a-z0-9]} after lowercasing, stemmed if asked. */
  List<String> tokenize(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    List<String> tokens = new ArrayList<>();
    int start = -1;
    for (int i = 0; i <= lower.length(); i++) {
      char c = i < lower.length() ? lower.charAt(i) : ' ';
      boolean word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      if (word && start < 0) {
        start = i;
      } else if (!word && start >= 0) {
        String token = lower.substring(start, i);
        tokens.add(stem && token.length() > 3 ? stems.computeIfAbsent(token, PorterStemmer::stem) : token);
        start = -1;
      }
    }
    return tokens;
  }
}
