package dev.kiln.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * Python's {@code str.split()} and {@code str.rstrip()}, whitespace being the characters for which Python's
 * {@code str.isspace()} holds, as sacreBLEU's tokenizers rely on.
 */
final class Whitespace {
  private Whitespace() {}

  /** Python's whitespace: Java's plus NEL, no-break space, figure space and narrow no-break space. */
  static boolean isSpace(char c) {
    return Character.isWhitespace(c) || c == '\u0085' || c == '\u00a0' || c == '\u2007' || c == '\u202f';
  }

  /** The words between runs of whitespace, as {@code line.split()}. */
  static List<String> split(String line) {
    List<String> words = new ArrayList<>();
    int start = -1;
    for (int i = 0; i <= line.length(); i++) {
      boolean space = i == line.length() || isSpace(line.charAt(i));
      if (space && start >= 0) {
        words.add(line.substring(start, i));
        start = -1;
      } else if (!space && start < 0) {
        start = i;
      }
    }
    return words;
  }

  /** {@code line} without trailing whitespace, as {@code line.rstrip()}. */
  static String stripTrailing(String line) {
    int end = line.length();
    while (end > 0 && isSpace(line.charAt(end - 1))) {
      end--;
    }
    return line.substring(0, end);
  }
}
