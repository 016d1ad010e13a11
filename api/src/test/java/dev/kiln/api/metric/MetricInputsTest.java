package dev.kiln.api.metric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.api.KilnException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** The metric input records built from the plain values scripts pass, and their one-line errors. */
class MetricInputsTest {
  @Test
  void textPairsTakeAStringAStreamOrStreams() {
    assertEquals(List.of(List.of("ref")), TextPairs.from("ref", "hyp").references());
    TextPairs stream = TextPairs.from(List.of("a", "b"), List.of("x", "y"));
    assertEquals(1, stream.references().size());
    assertEquals(2, stream.size());
    TextPairs streams = TextPairs.from(List.of(List.of("a", "b"), List.of("c", "d")), List.of("x", "y"));
    assertEquals(List.of("b", "d"), streams.referencesOf(1));
    assertEquals("references[1] is x, not a stream (array of strings); pass either one stream of strings or a list "
        + "of streams", assertThrows(KilnException.class,
        () -> TextPairs.from(List.of(List.of("a"), "x"), List.of("h"))).getMessage());
    assertEquals("references must be a non-empty array of strings or of reference streams, got []",
        assertThrows(KilnException.class, () -> TextPairs.from(List.of(), List.of("h"))).getMessage());
    assertEquals("no hypotheses to score: pass at least one hypothesis string",
        assertThrows(KilnException.class, () -> TextPairs.from(List.of("a"), List.of())).getMessage());
  }

  @Test
  void rankingsTakeMatricesRaggedListsOrOneQueryAndNeverChange() {
    Rankings matrix = Rankings.from(Nd4j.createFromArray(new double[][] {{1, 0, 2}, {0, 0, 1}}),
        List.of(List.of(0.3, 0.2, 0.1), List.of(0.1, 0.2, 0.3)));
    assertEquals(2, matrix.size());
    assertArrayEquals(new double[] {0, 0, 1}, matrix.relevance(1));
    Rankings ragged = Rankings.from(List.of(List.of(1), List.of(0, 1)), List.of(List.of(0.5), List.of(0.1, 0.2)));
    assertArrayEquals(new double[] {0.1, 0.2}, ragged.scores(1));
    Rankings one = Rankings.from(List.of(1, 0), List.of(0.5, 0.4));
    assertEquals(1, one.size());
    one.scores()[0][0] = 99;
    one.relevance(0)[0] = 99;
    assertArrayEquals(new double[] {0.5, 0.4}, one.scores(0));
    assertArrayEquals(new double[] {1, 0}, one.relevance(0));
    assertEquals(one, Rankings.from(List.of(1, 0), List.of(0.5, 0.4)));
    assertEquals("query 0 has no candidates; drop it or give it at least one", assertThrows(KilnException.class,
        () -> new Rankings(new double[][] {{}}, new double[][] {{}})).getMessage());
  }

  @Test
  void tokenLogitsFlattenBatchesAndCheckShapes() {
    TokenLogits batched = TokenLogits.from(List.of(List.of(0, 1), List.of(2, 0)), Nd4j.rand(2, 2, 3));
    assertArrayEquals(new long[] {4, 3}, batched.logits().shape());
    assertEquals(4, batched.size());
    assertEquals(3, batched.vocabSize());
    assertEquals("logits must be [n, V] or [batch, time, V], got shape [3]", assertThrows(KilnException.class,
        () -> TokenLogits.from(List.of(0, 1, 2), List.of(0.1, 0.2, 0.3))).getMessage());
    assertEquals("no tokens to score: logits have shape [0, 3]", assertThrows(KilnException.class,
        () -> new TokenLogits(Nd4j.create(0L), Nd4j.create(0L, 3L))).getMessage());
  }
}
