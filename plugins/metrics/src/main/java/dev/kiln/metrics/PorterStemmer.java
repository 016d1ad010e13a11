package dev.kiln.metrics;

import java.util.Map;
import java.util.function.Predicate;

/**
 * The Porter stemmer as NLTK's {@code PorterStemmer()} runs it in its default {@code NLTK_EXTENSIONS} mode,
 * which is what rouge-score's {@code use_stemmer=True} calls: Porter's five suffix-stripping steps with
 * Martin Porter's later changes and NLTK's (a table of irregular forms, {@code ies → ie} and
 * {@code ied → ie} for four-letter words, {@code y → i} only after a consonant that is not the first letter,
 * {@code alli → al} tried first, {@code fulli → ful}, {@code logi → log}, words of one or two letters left
 * alone). Words are expected lower case (rouge-score's tokens are {@code [a-z0-9]+}).
 *
 * <p>The measure {@code m} of a stem is the number of vowel–consonant sequences in {@code [C](VC)^m[V]},
 * {@code y} being a vowel after a consonant.
 *
 * <p>Reference: M. F. Porter, "An algorithm for suffix stripping", Program 14(3), 1980, pp. 130–137; NLTK 3.8
 * {@code nltk/stem/porter.py}.
 */
final class PorterStemmer {
  private static final Map<String, String> IRREGULAR = Map.ofEntries(
      Map.entry("sky", "sky"), Map.entry("skies", "sky"), Map.entry("dying", "die"), Map.entry("lying", "lie"),
      Map.entry("tying", "tie"), Map.entry("news", "news"), Map.entry("innings", "inning"),
      Map.entry("inning", "inning"), Map.entry("outings", "outing"), Map.entry("outing", "outing"),
      Map.entry("cannings", "canning"), Map.entry("canning", "canning"), Map.entry("howe", "howe"),
      Map.entry("proceed", "proceed"), Map.entry("exceed", "exceed"), Map.entry("succeed", "succeed"));

  private PorterStemmer() {}

  /** A suffix rule: replace {@code suffix} by {@code replacement} when the remaining stem meets the condition. */
  private record Rule(String suffix, String replacement, Predicate<String> condition) {}

  /** The stem of a lower-case word. */
  static String stem(String word) {
    String irregular = IRREGULAR.get(word);
    if (irregular != null) {
      return irregular;
    }
    if (word.length() <= 2) {
      return word;
    }
    String stem = step1a(word);
    stem = step1b(stem);
    stem = applyRules(stem, new Rule("y", "i", s -> s.length() > 1 && consonant(s, s.length() - 1)));
    stem = step2(stem);
    stem = applyRules(stem, positive("icate", "ic"), positive("ative", ""), positive("alize", "al"),
        positive("iciti", "ic"), positive("ical", "ic"), positive("ful", ""), positive("ness", ""));
    stem = step4(stem);
    stem = step5a(stem);
    String word5 = stem;
    return applyRules(stem, new Rule("ll", "l", s -> measure(word5.substring(0, word5.length() - 1)) > 1));
  }

  private static String step1a(String word) {
    if (word.endsWith("ies") && word.length() == 4) {
      return replace(word, "ies", "ie");
    }
    return applyRules(word, new Rule("sses", "ss", null), new Rule("ies", "i", null), new Rule("ss", "ss", null),
        new Rule("s", "", null));
  }

  private static String step1b(String word) {
    if (word.endsWith("ied")) {
      return replace(word, "ied", word.length() == 4 ? "ie" : "i");
    }
    if (word.endsWith("eed")) {
      String stem = word.substring(0, word.length() - 3);
      return measure(stem) > 0 ? stem + "ee" : word;
    }
    String intermediate = null;
    for (String suffix : new String[] {"ed", "ing"}) {
      if (word.endsWith(suffix) && containsVowel(word.substring(0, word.length() - suffix.length()))) {
        intermediate = word.substring(0, word.length() - suffix.length());
        break;
      }
    }
    if (intermediate == null) {
      return word;
    }
    char last = intermediate.charAt(intermediate.length() - 1);
    return applyRules(intermediate, new Rule("at", "ate", null), new Rule("bl", "ble", null),
        new Rule("iz", "ize", null), new Rule("*d", String.valueOf(last), s -> "lsz".indexOf(last) < 0),
        new Rule("", "e", s -> measure(s) == 1 && endsCvc(s)));
  }

  private static String step2(String word) {
    if (word.endsWith("alli") && measure(replace(word, "alli", "")) > 0) {
      return step2(replace(word, "alli", "al"));
    }
    return applyRules(word, positive("ational", "ate"), positive("tional", "tion"), positive("enci", "ence"),
        positive("anci", "ance"), positive("izer", "ize"), positive("bli", "ble"), positive("alli", "al"),
        positive("entli", "ent"), positive("eli", "e"), positive("ousli", "ous"), positive("ization", "ize"),
        positive("ation", "ate"), positive("ator", "ate"), positive("alism", "al"), positive("iveness", "ive"),
        positive("fulness", "ful"), positive("ousness", "ous"), positive("aliti", "al"), positive("iviti", "ive"),
        positive("biliti", "ble"), positive("fulli", "ful"),
        new Rule("logi", "log", s -> measure(word.substring(0, word.length() - 3)) > 0));
  }

  private static String step4(String word) {
    Predicate<String> above1 = s -> measure(s) > 1;
    Rule[] rules = new Rule[19];
    String[] suffixes = {"al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion",
        "ou", "ism", "ate", "iti", "ous", "ive", "ize"};
    for (int i = 0; i < suffixes.length; i++) {
      rules[i] = suffixes[i].equals("ion")
          ? new Rule("ion", "", s -> measure(s) > 1 && "st".indexOf(s.charAt(s.length() - 1)) >= 0)
          : new Rule(suffixes[i], "", above1);
    }
    return applyRules(word, rules);
  }

  private static String step5a(String word) {
    if (word.endsWith("e")) {
      String stem = word.substring(0, word.length() - 1);
      int m = measure(stem);
      if (m > 1 || (m == 1 && !endsCvc(stem))) {
        return stem;
      }
    }
    return word;
  }

  private static Rule positive(String suffix, String replacement) {
    return new Rule(suffix, replacement, s -> measure(s) > 0);
  }

  /** The first rule whose suffix matches decides: its replacement if the condition holds, else no change. */
  private static String applyRules(String word, Rule... rules) {
    for (Rule rule : rules) {
      if (rule.suffix.equals("*d") && endsDoubleConsonant(word)) {
        String stem = word.substring(0, word.length() - 2);
        return rule.condition == null || rule.condition.test(stem) ? stem + rule.replacement : word;
      }
      if (word.endsWith(rule.suffix)) {
        String stem = word.substring(0, word.length() - rule.suffix.length());
        return rule.condition == null || rule.condition.test(stem) ? stem + rule.replacement : word;
      }
    }
    return word;
  }

  private static String replace(String word, String suffix, String replacement) {
    return word.substring(0, word.length() - suffix.length()) + replacement;
  }

  /** Porter's consonant: not a, e, i, o, u, and not a y that follows a consonant. */
  private static boolean consonant(String word, int i) {
    char c = word.charAt(i);
    if ("aeiou".indexOf(c) >= 0) {
      return false;
    }
    return c != 'y' || i == 0 || !consonant(word, i - 1);
  }

  /** The number of vowel-then-consonant transitions. */
  private static int measure(String stem) {
    int m = 0;
    for (int i = 1; i < stem.length(); i++) {
      if (consonant(stem, i) && !consonant(stem, i - 1)) {
        m++;
      }
    }
    return m;
  }

  private static boolean containsVowel(String stem) {
    for (int i = 0; i < stem.length(); i++) {
      if (!consonant(stem, i)) {
        return true;
      }
    }
    return false;
  }

  private static boolean endsDoubleConsonant(String word) {
    int n = word.length();
    return n >= 2 && word.charAt(n - 1) == word.charAt(n - 2) && consonant(word, n - 1);
  }

  /** Porter's *o (consonant, vowel, consonant not w, x or y), or NLTK's vowel-consonant two-letter stem. */
  private static boolean endsCvc(String word) {
    int n = word.length();
    return (n >= 3 && consonant(word, n - 3) && !consonant(word, n - 2) && consonant(word, n - 1)
        && "wxy".indexOf(word.charAt(n - 1)) < 0)
        || (n == 2 && !consonant(word, 0) && consonant(word, 1));
  }
}
