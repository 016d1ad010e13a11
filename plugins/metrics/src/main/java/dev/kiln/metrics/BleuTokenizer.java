package dev.kiln.metrics;

import java.util.List;
import java.util.regex.Pattern;

/**
 * sacreBLEU's tokenizers, by name, each turning one segment into its tokens:
 * <ul>
 *   <li>{@code 13a} (the default, mteval-v13a as WMT uses it): drop {@code <skipped>}, join {@code -\n},
 *   newlines to spaces, unescape {@code &quot; &amp; &lt; &gt;}; then, on the line padded with spaces, split off
 *   the ASCII symbols (the ranges space to &amp;, ( to +, : to @, [ to `, &#123; to ~, and /), periods and
 *   commas not preceded by a digit and those not followed by one, and a dash after a digit;</li>
 *   <li>{@code intl} (mteval-v14 international): split off Unicode punctuation ({@code \p{P}}) not preceded by a
 *   number or not followed by one, and every Unicode symbol ({@code \p{S}});</li>
 *   <li>{@code none}: the segment as it is.</li>
 * </ul>
 * Tokens are then the whitespace-separated words (Python's {@code str.split()}).
 *
 * <p>Reference: sacreBLEU 2.x {@code sacrebleu/tokenizers/tokenizer_13a.py}, {@code tokenizer_re.py},
 * {@code tokenizer_intl.py}; Post, "A Call for Clarity in Reporting BLEU Scores", WMT 2018.
 */
final class BleuTokenizer {
  private static final Pattern SYMBOLS = Pattern.compile("([\\{-\\~\\[-\\` -\\&\\(-\\+\\:-\\@\\/])");
  private static final Pattern PERIOD_COMMA_AFTER_NON_DIGIT = Pattern.compile("([^0-9])([\\.,])");
  private static final Pattern PERIOD_COMMA_BEFORE_NON_DIGIT = Pattern.compile("([\\.,])([^0-9])");
  private static final Pattern DASH_AFTER_DIGIT = Pattern.compile("([0-9])(-)");
  private static final Pattern PUNCTUATION_AFTER_NON_NUMBER = Pattern.compile("(\\P{N})(\\p{P})");
  private static final Pattern PUNCTUATION_BEFORE_NON_NUMBER = Pattern.compile("(\\p{P})(\\P{N})");
  private static final Pattern SYMBOL = Pattern.compile("(\\p{S})");

  private BleuTokenizer() {}

  /** The tokens of {@code segment} under tokenizer {@code name}: 13a, intl or none. */
  static List<String> tokenize(String name, String segment) {
    return Whitespace.split(switch (name) {
      case "13a" -> thirteenA(segment);
      case "intl" -> international(segment);
      default -> segment;
    });
  }

  static String thirteenA(String segment) {
    String line = segment.replace("<skipped>", "").replace("-\n", "").replace("\n", " ");
    if (line.indexOf('&') >= 0) {
      line = line.replace("&quot;", "\"").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
    }
    line = SYMBOLS.matcher(" " + line + " ").replaceAll(" $1 ");
    line = PERIOD_COMMA_AFTER_NON_DIGIT.matcher(line).replaceAll("$1 $2 ");
    line = PERIOD_COMMA_BEFORE_NON_DIGIT.matcher(line).replaceAll(" $1 $2");
    return DASH_AFTER_DIGIT.matcher(line).replaceAll("$1 $2 ");
  }

  static String international(String segment) {
    String line = PUNCTUATION_AFTER_NON_NUMBER.matcher(segment).replaceAll("$1 $2 ");
    line = PUNCTUATION_BEFORE_NON_NUMBER.matcher(line).replaceAll(" $1 $2");
    return SYMBOL.matcher(line).replaceAll(" $1 ");
  }
}
