package dev.kiln.metrics;

import static dev.kiln.metrics.BleuReference.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.api.KilnException;
import dev.kiln.api.Score;
import dev.kiln.api.metric.TextPairs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * BLEU: the sacreBLEU README example of DESIGN §4 to the printed digits, the same corpus and seeded random
 * corpora against NLTK 3.8's corpus_bleu (tools/reference/bleu_nltk.py, values in {@link BleuReference}) to
 * 1e-12 relative for every smoothing, and the 13a and intl tokenizers against sacreBLEU's regular expressions.
 */
class BleuTest {
  static final double RELATIVE = 1e-12;
  static final List<String> HYPOTHESES = List.of("The dog bit the man.", "It wasn't surprising.",
      "The man had just bitten him.");
  static final List<List<String>> REFERENCES = List.of(
      List.of("The dog bit the man.", "It was not unexpected.", "The man bit him first."),
      List.of("The dog had bit the man.", "No one was surprised.", "The man had bitten the dog."));

  static Score bleu(Map<String, ?> options, TextPairs pairs) {
    return new Bleu(BleuOptions.from(BleuOptions.SCHEMA.parse(options))).score(pairs);
  }

  /** The corpus of bleu_nltk.py: two reference streams and the hypotheses, words w0 ... w29. */
  static TextPairs corpus(int seed) {
    SplitMix r = new SplitMix(seed + 400);
    List<String> first = new ArrayList<>();
    List<String> second = new ArrayList<>();
    List<String> hypotheses = new ArrayList<>();
    for (int s = 0; s < 60; s++) {
      int length = 5 + r.below(10);
      int[] ref = IntStream.range(0, length).map(i -> r.below(30)).toArray();
      int[] ref2 = IntStream.of(ref).map(w -> r.uniform() < 0.7 ? w : r.below(30)).toArray();
      int[] hyp = IntStream.of(ref).map(w -> r.uniform() < 0.6 ? w : r.below(30)).toArray();
      if (r.uniform() < 0.3) {
        hyp = java.util.Arrays.copyOf(hyp, hyp.length - 1);
      }
      first.add(words(ref));
      second.add(words(ref2));
      hypotheses.add(words(hyp));
    }
    return new TextPairs(List.of(first, second), hypotheses);
  }

  static String words(int[] ids) {
    return IntStream.of(ids).mapToObj(w -> "w" + w).collect(Collectors.joining(" "));
  }

  static void assertRelative(double expected, double actual, String what) {
    assertEquals(expected, actual, RELATIVE * Math.abs(expected) + 1e-300, what);
  }

  @Test
  void sacreBleuReadmeExampleGivesItsPrintedNumbersAndSignature() {
    Score score = bleu(Map.of(), new TextPairs(REFERENCES, HYPOTHESES));
    assertEquals("48.53", String.format(Locale.ROOT, "%.2f", score.value()));
    double[] precisions = (double[]) score.details().get("precisions");
    assertEquals("82.4/50.0/45.5/37.5", IntStream.range(0, 4)
        .mapToObj(n -> String.format(Locale.ROOT, "%.1f", precisions[n])).collect(Collectors.joining("/")));
    assertEquals("0.943", String.format(Locale.ROOT, "%.3f", (double) score.details().get("bp")));
    assertEquals("0.944", String.format(Locale.ROOT, "%.3f", (double) score.details().get("ratio")));
    assertEquals(17L, score.details().get("hypLen"));
    assertEquals(18L, score.details().get("refLen"));
    assertEquals("nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp", score.details().get("signature"));
    assertRelative(README_EXP, score.value(), "README BLEU against NLTK method3 on 13a tokens");
    assertRelative(README_INTL_EXP, bleu(Map.of("tokenize", "intl"), new TextPairs(REFERENCES, HYPOTHESES))
        .value(), "README BLEU with the intl tokenizer");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void corpusAndSentenceBleuMatchNltkForEverySmoothing(int seed) {
    TextPairs pairs = corpus(seed);
    int s = seed - 1;
    String[] methods = {"none", "floor", "add-k", "exp"};
    double[][] corpus = {CORPUS_NONE, CORPUS_FLOOR, CORPUS_ADD_K, CORPUS_EXP};
    double[][] sentence = {SENTENCE_NONE_MEAN, SENTENCE_FLOOR_MEAN, SENTENCE_ADD_K_MEAN, SENTENCE_EXP_MEAN};
    for (int m = 0; m < methods.length; m++) {
      assertRelative(corpus[m][s], bleu(Map.of("smooth", methods[m], "tokenize", "none"), pairs).value(),
          "corpus " + methods[m]);
      Score sentences = bleu(Map.of("smooth", methods[m], "level", "sentence"), pairs);
      assertEquals(sentence[m][s], sentences.value(), 1e-10, "sentence mean " + methods[m]);
      assertEquals(60, ((double[]) sentences.details().get("sentences")).length);
    }
    assertRelative(CORPUS_EXP_ORDER_2[s], bleu(Map.of("maxOrder", 2), pairs).value(), "order 2");
    TextPairs oneStream = new TextPairs(pairs.references().subList(0, 1), pairs.hypotheses());
    Score single = bleu(Map.of("smooth", "none"), oneStream);
    assertRelative(CORPUS_NONE_ONE_STREAM[s], single.value(), "one reference stream");
    assertEquals("nrefs:1|case:mixed|eff:no|tok:13a|smooth:none", single.details().get("signature"));
  }

  @Test
  void tokenizersMatchSacreBleuRegularExpressions() {
    for (int i = 0; i < TOKENIZER_CASES.length; i++) {
      String segment = Whitespace.stripTrailing(TOKENIZER_CASES[i]);
      assertEquals(TOKENS_13A[i], String.join(" ", BleuTokenizer.tokenize("13a", segment)), "13a: " + segment);
      assertEquals(TOKENS_INTL[i], String.join(" ", BleuTokenizer.tokenize("intl", segment)), "intl: " + segment);
    }
    assertEquals(List.of("a", "b", "c"), Whitespace.split("\u00a0a\u2007b \u202fc\u0085"));
  }

  @Test
  void settingsShowInTheSignatureAndEffectiveOrderRescuesShortSentences() {
    TextPairs shortPair = new TextPairs(List.of(List.of("a cat sat")), List.of("a cat sat"));
    assertEquals(0.0, bleu(Map.of("smooth", "none"), shortPair).value());
    Score effective = bleu(Map.of("smooth", "none", "effectiveOrder", true), shortPair);
    assertEquals(100.0, effective.value(), 1e-12);
    assertEquals("nrefs:1|case:mixed|eff:yes|tok:13a|smooth:none", effective.details().get("signature"));
    assertEquals("nrefs:1|case:lc|eff:no|tok:intl|smooth:floor[0.10]|order:3", bleu(Map.of("lowercase", true,
        "tokenize", "intl", "smooth", "floor", "maxOrder", 3), shortPair).details().get("signature"));
    assertEquals(100.0, bleu(Map.of("lowercase", true), new TextPairs(List.of(List.of("The Big Cat Sat Down")),
        List.of("the big cat sat down"))).value(), 1e-12);
    assertArrayEquals(new long[] {3, 2, 1, 0}, (long[]) bleu(Map.of(), shortPair).details().get("counts"));
  }

  @Test
  void anEmptyHypothesisAddsNoNgramsAsInSacreBleu() {
    // sacreBLEU's compute_bleu on the summed statistics: the empty output adds its reference's 3 words to the
    // reference length and nothing else, so precisions stay 100 and BP = exp(1 - 9/6)
    // (NLTK's corpus_bleu differs: it counts an empty hypothesis as one n-gram of every order, 49.07)
    Score score = bleu(Map.of(), new TextPairs(List.of(List.of("the cat sat on the mat", "a dog barked")),
        List.of("the cat sat on the mat", "")));
    assertEquals(100 * Math.exp(-0.5), score.value(), 1e-9);
    assertEquals(0.0, bleu(Map.of(), new TextPairs(List.of(List.of("a dog barked")), List.of(""))).value());
  }

  @Test
  void badInputGivesOneLineErrorsWithCountsAndPositions() {
    assertEquals("reference stream 1 has 2 references but there are 3 hypotheses; give every stream one reference "
        + "per hypothesis (several references of one hypothesis go in separate streams: [[\"ref a\"], "
        + "[\"ref b\"]])", assertThrows(KilnException.class, () -> TextPairs.from(List.of(List.of("a", "b", "c"),
        List.of("a", "b")), List.of("x", "y", "z"))).getMessage());
    assertEquals("hypothesis 1 is null (2 of 3 hypotheses); give every hypothesis and reference a string, \"\" "
        + "for an empty one", assertThrows(KilnException.class, () -> new TextPairs(List.of(List.of("a", "b", "c")),
        Arrays.asList("x", null, null))).getMessage());
    assertEquals("hypotheses[1] is 3, not a string", assertThrows(KilnException.class,
        () -> TextPairs.from(List.of("a", "b"), List.of("x", 3))).getMessage());
  }
}
