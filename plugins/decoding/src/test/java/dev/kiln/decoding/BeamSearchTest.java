package dev.kiln.decoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.Decoder;
import dev.kiln.api.Decoding;
import dev.kiln.api.Generation;
import dev.kiln.api.LanguageModel;
import dev.kiln.decoding.GreedyTest.TableModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Beam search against its definition: with as many beams as there are generations it finds the best-scored
 * one that an exhaustive search finds, for several length penalties; one beam is greedy decoding; two beams
 * find the better path that greedy decoding misses.
 */
class BeamSearchTest {
  static Decoder beam(int beams, double lengthPenalty, boolean earlyStopping) {
    BeamSearch.Plugin plugin = new BeamSearch.Plugin();
    return plugin.create(plugin.schema().parse(Map.of("beams", beams, "lengthPenalty", lengthPenalty,
        "earlyStopping", earlyStopping)));
  }

  /** Every generation of at most {@code maxTokens} tokens that only the stop token may end early. */
  static List<int[]> generations(int vocab, int maxTokens, int stop) {
    List<int[]> out = new ArrayList<>();
    List<int[]> partial = List.of(new int[0]);
    for (int length = 1; length <= maxTokens; length++) {
      List<int[]> longer = new ArrayList<>();
      for (int[] p : partial) {
        for (int v = 0; v < vocab; v++) {
          int[] g = Arrays.copyOf(p, length);
          g[length - 1] = v;
          (v == stop || length == maxTokens ? out : longer).add(g);
        }
      }
      partial = longer;
    }
    return out;
  }

  /** log P of {@code tokens} after {@code prompt} under the table model. */
  static double logP(int[] prompt, int[] tokens) {
    double sum = 0;
    int last = prompt.length == 0 ? 3 : prompt[prompt.length - 1];
    for (int token : tokens) {
      sum += Math.log(TableModel.P[last][token]);
      last = token;
    }
    return sum;
  }

  @Test
  void enoughBeamsFindTheBestScoredGenerationOfAnExhaustiveSearch() {
    int[] prompt = {1};
    for (double alpha : new double[] {0, 0.5, 1, 2, -0.5}) {
      double best = Double.NEGATIVE_INFINITY;
      for (int[] g : generations(4, 3, 0)) {
        best = Math.max(best, logP(prompt, g) / Math.pow(g.length, alpha));
      }
      Generation found = beam(64, alpha, false).decode(new TableModel(1.5), prompt, new Decoding(3, 0, 0));
      assertEquals(logP(prompt, found.tokens()), found.logProbability(), 1e-12);
      assertEquals(best, found.logProbability() / Math.pow(found.tokens().length, alpha), 1e-12, "alpha " + alpha);
    }
  }

  @Test
  void oneBeamIsGreedyDecoding() {
    for (int stop : new int[] {-1, 0, 2}) {
      Decoding options = new Decoding(6, stop, 0);
      Generation greedy = GreedyTest.GREEDY.decode(new TableModel(0), new int[] {0}, options);
      Generation one = beam(1, 1.0, false).decode(new TableModel(0), new int[] {0}, options);
      assertArrayEquals(greedy.tokens(), one.tokens(), "stop " + stop);
      assertEquals(greedy.logProbability(), one.logProbability(), 1e-12);
    }
  }

  @Test
  void twoBeamsFindTheBetterPathGreedyDecodingMisses() {
    // from the start a (0.5) beats b (0.4), but a's best next token has 0.4 where b's has 0.9: 0.36 > 0.20
    double[][] p = {{0.3, 0.3, 0.4}, {0.9, 0.05, 0.05}, {0.4, 0.3, 0.3}, {0.5, 0.4, 0.1}};
    LanguageModel markov = new LanguageModel() {
      @Override
      public int vocabSize() {
        return 3;
      }

      @Override
      public INDArray nextTokenLogits(int[] context) {
        double[] row = p[context.length == 0 ? 3 : context[context.length - 1]];
        return Nd4j.createFromArray(Arrays.stream(row).map(Math::log).toArray());
      }
    };
    assertArrayEquals(new int[] {0, 2}, GreedyTest.GREEDY.decode(markov, new int[0], Decoding.of(2)).tokens());
    Generation two = beam(2, 0, false).decode(markov, new int[0], Decoding.of(2));
    assertArrayEquals(new int[] {1, 0}, two.tokens());
    assertEquals(Math.log(0.4) + Math.log(0.9), two.logProbability(), 1e-12);
  }

  @Test
  void earlyStoppingEndsOnceEnoughAreFinished() {
    TableModel patient = new TableModel(0);
    TableModel early = new TableModel(0);
    Generation a = beam(2, 1.0, false).decode(patient, new int[] {2}, new Decoding(40, 0, 0));
    Generation b = beam(2, 1.0, true).decode(early, new int[] {2}, new Decoding(40, 0, 0));
    assertTrue(early.calls <= patient.calls, early.calls + " calls against " + patient.calls);
    assertEquals(0, b.tokens()[b.tokens().length - 1], "a finished generation ends with the stop token");
    assertTrue(a.logProbability() / a.tokens().length >= b.logProbability() / b.tokens().length - 1e-12);
  }
}
