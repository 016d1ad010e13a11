package dev.kiln.metrics;

import dev.kiln.api.Option;
import dev.kiln.api.Params;
import dev.kiln.api.Schema;
import java.util.Locale;

/**
 * The options of {@link Bleu}, sacreBLEU's {@code BLEU(...)} arguments, validated on construction.
 *
 * @param tokenize the tokenizer: 13a, intl or none
 * @param lowercase whether to lowercase hypotheses and references first
 * @param smooth the smoothing of zero n-gram precisions: exp, floor, add-k or none
 * @param smoothValue the floor ε or the add-k k; 0 takes the method's default (floor 0.1, add-k 1)
 * @param maxOrder the highest n-gram order N, {@code >= 1}
 * @param effectiveOrder whether to average over the orders up to the last one with any n-gram only
 * @param level corpus (one score from summed statistics) or sentence (the mean of per-segment scores)
 */
public record BleuOptions(String tokenize, boolean lowercase, String smooth, double smoothValue, int maxOrder,
    boolean effectiveOrder, String level) {
  static final Option<String> TOKENIZE = Option.choice("tokenize", "13a",
      "tokenizer: 13a (mteval-v13a, WMT's default), intl (mteval-v14 international), none (split on spaces)",
      "13a", "intl", "none");
  static final Option<Boolean> LOWERCASE = Option.flag("lowercase", false, "lowercase everything first");
  static final Option<String> SMOOTH = Option.choice("smooth", "exp",
      "smoothing of zero precisions: exp (NIST geometric), floor (epsilon / total), add-k (n > 1), none",
      "exp", "floor", "add-k", "none");
  static final Option<Double> SMOOTH_VALUE = Option.real("smoothValue", 0,
      "epsilon for floor, k for add-k; 0 takes the default (floor 0.1, add-k 1)").min(0);
  static final Option<Integer> MAX_ORDER = Option.integer("maxOrder", 4, "highest n-gram order N").min(1);
  static final Option<Boolean> EFFECTIVE_ORDER = Option.flag("effectiveOrder", false,
      "average only over the orders up to the last one the hypotheses have n-grams of (for sentence BLEU)");
  static final Option<String> LEVEL = Option.choice("level", "corpus",
      "corpus: one score from the summed statistics; sentence: the mean of per-segment scores (details.sentences)",
      "corpus", "sentence");

  /** The schema of {@code bleu}. */
  static final Schema SCHEMA = Schema.of(TOKENIZE, LOWERCASE, SMOOTH, SMOOTH_VALUE, MAX_ORDER, EFFECTIVE_ORDER,
      LEVEL);

  public BleuOptions {
    TOKENIZE.check(tokenize);
    LOWERCASE.check(lowercase);
    SMOOTH.check(smooth);
    SMOOTH_VALUE.check(smoothValue);
    MAX_ORDER.check(maxOrder);
    EFFECTIVE_ORDER.check(effectiveOrder);
    LEVEL.check(level);
  }

  /** sacreBLEU's defaults: 13a, mixed case, exp smoothing, order 4, corpus level. */
  public static BleuOptions defaults() {
    return new BleuOptions("13a", false, "exp", 0, 4, false, "corpus");
  }

  /** The options in validated {@code params} of {@link #SCHEMA}. */
  static BleuOptions from(Params params) {
    return new BleuOptions(params.get(TOKENIZE), params.get(LOWERCASE), params.get(SMOOTH),
        params.get(SMOOTH_VALUE), params.get(MAX_ORDER), params.get(EFFECTIVE_ORDER), params.get(LEVEL));
  }

  /** The smoothing value in use: the given one, or the method's default. */
  double smoothing() {
    return smoothValue != 0 ? smoothValue : smooth.equals("floor") ? 0.1 : 1;
  }

  /**
   * sacreBLEU's signature, {@code nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp}, with {@code floor[0.10]} or
   * {@code add-k[1.00]} for those methods and {@code |order:N} appended when N is not 4 (sacreBLEU's signature
   * has no order; it always uses 4 unless told otherwise). No {@code version} field: this is not sacreBLEU.
   */
  String signature(int references) {
    String smoothing = smooth.equals("floor") || smooth.equals("add-k")
        ? smooth + String.format(Locale.ROOT, "[%.2f]", smoothing()) : smooth;
    return "nrefs:" + references + "|case:" + (lowercase ? "lc" : "mixed") + "|eff:" + (effectiveOrder ? "yes" : "no")
        + "|tok:" + tokenize + "|smooth:" + smoothing + (maxOrder != 4 ? "|order:" + maxOrder : "");
  }
}
