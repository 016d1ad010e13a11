package dev.kiln.api.metric;

import dev.kiln.api.KilnException;
import dev.kiln.api.data.NestedArrays;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * What text metrics (BLEU, ROUGE) score: hypotheses and one or more reference streams, laid out as sacreBLEU
 * lays them out: {@code references.get(s).get(i)} is the reference of stream {@code s} for hypothesis
 * {@code i}, so every stream holds one reference per hypothesis.
 *
 * <p>Validated on construction: at least one hypothesis and one stream, every stream as long as the
 * hypotheses, and no null text; each failure is one line naming the counts and the first position. An empty
 * text is scored as sacreBLEU and rouge-score score it (no n-grams; an empty output scores 0).
 *
 * @param references the reference streams, each of {@code hypotheses.size()} strings
 * @param hypotheses the system outputs
 */
public record TextPairs(List<List<String>> references, List<String> hypotheses) {
  /**
   * Checks the pairs as described above and copies the lists into unmodifiable ones.
   *
   * @throws KilnException on no hypotheses or streams, a stream of another length, or a null text
   */
  public TextPairs {
    if (hypotheses.isEmpty()) {
      throw new KilnException("no hypotheses to score: pass at least one hypothesis string");
    }
    if (references.isEmpty()) {
      throw new KilnException("no reference streams: pass the references as a list of strings (one stream) "
          + "or a list of streams");
    }
    requireText(hypotheses, "hypothesis", "hypotheses");
    for (int s = 0; s < references.size(); s++) {
      List<String> stream = references.get(s);
      if (stream.size() != hypotheses.size()) {
        throw new KilnException("reference stream " + s + " has " + stream.size() + " references but there are "
            + hypotheses.size() + " hypotheses; give every stream one reference per hypothesis (several "
            + "references of one hypothesis go in separate streams: [[\"ref a\"], [\"ref b\"]])");
      }
      requireText(stream, "reference", "references of stream " + s);
    }
    hypotheses = List.copyOf(hypotheses);
    references = references.stream().map(List::copyOf).toList();
  }

  /**
   * Pairs from plain values: {@code references} as a string (one reference of one hypothesis), a list of
   * strings (one stream) or a list of lists of strings (several streams); {@code hypotheses} as a string or
   * a list of strings.
   */
  public static TextPairs from(Object references, Object hypotheses) {
    List<String> hyps = hypotheses instanceof String one ? List.of(one)
        : NestedArrays.toStrings(hypotheses, "hypotheses");
    if (references instanceof String one) {
      return new TextPairs(List.of(List.of(one)), hyps);
    }
    if (!(references instanceof List<?> list) || list.isEmpty()) {
      throw new KilnException("references must be a non-empty array of strings or of reference streams, got "
          + (references instanceof List<?> ? "[]" : String.valueOf(references)));
    }
    if (!(list.get(0) instanceof List<?>)) {
      return new TextPairs(List.of(NestedArrays.toStrings(list, "references")), hyps);
    }
    List<List<String>> streams = new ArrayList<>();
    for (int s = 0; s < list.size(); s++) {
      if (!(list.get(s) instanceof List<?>)) {
        throw new KilnException("references[" + s + "] is " + list.get(s) + ", not a stream (array of strings)"
            + "; pass either one stream of strings or a list of streams");
      }
      streams.add(NestedArrays.toStrings(list.get(s), "references[" + s + "]"));
    }
    return new TextPairs(streams, hyps);
  }

  /** The number of hypotheses (segments). */
  public int size() {
    return hypotheses.size();
  }

  /** The references of hypothesis {@code i}, one from each stream. */
  public List<String> referencesOf(int i) {
    List<String> out = new ArrayList<>(references.size());
    for (List<String> stream : references) {
      out.add(stream.get(i));
    }
    return out;
  }

  private static void requireText(List<String> texts, String what, String where) {
    // not texts.indexOf(null): the lists of List.of refuse null even as a question
    int first = IntStream.range(0, texts.size()).filter(i -> texts.get(i) == null).findFirst().orElse(-1);
    if (first >= 0) {
      long missing = texts.stream().filter(t -> t == null).count();
      throw new KilnException(what + " " + first + " is null (" + missing + " of " + texts.size() + " " + where
          + "); give every hypothesis and reference a string, \"\" for an empty one");
    }
  }
}
