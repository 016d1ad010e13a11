package dev.kiln.decoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.api.Decoder;
import dev.kiln.api.Decoding;
import dev.kiln.api.Generation;
import dev.kiln.api.KilnException;
import dev.kiln.api.LanguageModel;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Greedy decoding on a hand-built model whose logits are log-probabilities (plus a constant shift). */
class GreedyTest {
  /**
   * A 4-token Markov model: row t is P(next | last token t); an empty context uses the row of token 3. The
   * logits are {@code log P + shift}, so log_softmax gives back {@code log P} whatever the shift.
   */
  static class TableModel implements LanguageModel {
    static final double[][] P = {
        {0.1, 0.6, 0.2, 0.1},
        {0.25, 0.25, 0.5, 0.0},
        {0.4, 0.4, 0.1, 0.1},    // a tie: token 0 must win
        {0.05, 0.05, 0.1, 0.8}};
    final double shift;
    int calls;

    TableModel(double shift) {
      this.shift = shift;
    }

    @Override
    public int vocabSize() {
      return 4;
    }

    @Override
    public INDArray nextTokenLogits(int[] context) {
      calls++;
      double[] row = P[context.length == 0 ? 3 : context[context.length - 1]];
      double[] logits = new double[4];
      for (int v = 0; v < 4; v++) {
        logits[v] = Math.log(row[v]) + shift;
      }
      return Nd4j.createFromArray(logits);
    }
  }

  static final Decoder GREEDY = new Greedy.Plugin().create(new Greedy.Plugin().schema().parse(Map.of()));

  @Test
  void followsTheMostProbableTokenWithTheLowestIdWinningTies() {
    for (double shift : new double[] {0, 7.5, -300}) {
      Generation generation = GREEDY.decode(new TableModel(shift), new int[] {0}, Decoding.of(5));
      assertArrayEquals(new int[] {1, 2, 0, 1, 2}, generation.tokens(), "shift " + shift);
      assertEquals(2 * Math.log(0.6) + 2 * Math.log(0.5) + Math.log(0.4), generation.logProbability(), 1e-12);
    }
  }

  @Test
  void stopsAfterTheStopToken() {
    TableModel model = new TableModel(1);
    Generation generation = GREEDY.decode(model, new int[] {3, 1}, new Decoding(10, 0, 0));
    assertArrayEquals(new int[] {2, 0}, generation.tokens());
    assertEquals(Math.log(0.5) + Math.log(0.4), generation.logProbability(), 1e-12);
    assertEquals(2, model.calls);
  }

  @Test
  void anEmptyPromptIsLeftToTheModel() {
    Generation generation = GREEDY.decode(new TableModel(0), new int[0], Decoding.of(3));
    assertArrayEquals(new int[] {3, 3, 3}, generation.tokens());
    assertEquals(3 * Math.log(0.8), generation.logProbability(), 1e-12);
  }

  @Test
  void rejectsBadLogitsAndPrompts() {
    LanguageModel nan = new TableModel(0) {
      @Override
      public INDArray nextTokenLogits(int[] context) {
        return Nd4j.createFromArray(0.0, Double.NaN, 1.0, 2.0);
      }
    };
    KilnException error = assertThrows(KilnException.class, () -> GREEDY.decode(nan, new int[] {0}, Decoding.of(2)));
    assertEquals("the language model returned logit NaN for token 1 at step 1; logits must be finite or -Infinity",
        error.getMessage());
    LanguageModel shortRow = new TableModel(0) {
      @Override
      public INDArray nextTokenLogits(int[] context) {
        return Nd4j.createFromArray(0.0, 1.0);
      }
    };
    assertEquals("the language model returned 2 logits for a vocabulary of 4 (shape [2])", assertThrows(
        KilnException.class, () -> GREEDY.decode(shortRow, new int[] {0}, Decoding.of(2))).getMessage());
    assertEquals("greedy: prompt token 4 at position 1 is outside the vocabulary [0, 4)", assertThrows(
        KilnException.class, () -> GREEDY.decode(new TableModel(0), new int[] {0, 4}, Decoding.of(2))).getMessage());
    assertEquals("greedy: stopToken 4 is outside the vocabulary [0, 4), so it could never end the generation; give "
        + "a token id below 4, or -1 for none", assertThrows(KilnException.class,
        () -> GREEDY.decode(new TableModel(0), new int[] {0}, new Decoding(2, 4, 0))).getMessage());
  }
}
