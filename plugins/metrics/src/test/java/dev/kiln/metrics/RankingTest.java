package dev.kiln.metrics;

import static dev.kiln.metrics.RankingReference.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.api.KilnException;
import dev.kiln.api.Metric;
import dev.kiln.api.MetricProvider;
import dev.kiln.api.Score;
import dev.kiln.api.metric.Rankings;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Ranking metrics against scikit-learn 1.2 to 1e-12 on the tied, graded data of
 * tools/reference/metrics_ranking_sklearn.py (seeds 1, 2, 3; values in {@link RankingReference}), which also
 * says which scikit-learn function gives each value.
 */
class RankingTest {
  static final double TOLERANCE = 1e-12;
  static final int QUERIES = 30;
  static final int CANDIDATES = 10;

  /** The graded, tied rankings of metrics_ranking_sklearn.py. */
  static Rankings graded(int seed) {
    SplitMix r = new SplitMix(seed + 200);
    double[][] relevance = new double[QUERIES][CANDIDATES];
    double[][] scores = new double[QUERIES][CANDIDATES];
    for (double[] row : relevance) {
      for (int i = 0; i < CANDIDATES; i++) {
        row[i] = r.uniform() < 0.3 ? 1 + r.below(3) : 0;
      }
    }
    for (double[] row : scores) {
      for (int i = 0; i < CANDIDATES; i++) {
        row[i] = Math.floor(r.uniform() * 6) / 6;
      }
    }
    relevance[0] = new double[CANDIDATES];
    return new Rankings(relevance, scores);
  }

  /** One relevant candidate per query, as metrics_ranking_sklearn.py's one_relevant. */
  static Rankings oneRelevant(int seed) {
    SplitMix r = new SplitMix(seed + 300);
    double[][] relevance = new double[QUERIES][CANDIDATES];
    double[][] scores = new double[QUERIES][CANDIDATES];
    for (double[] row : relevance) {
      row[r.below(CANDIDATES)] = 1;
    }
    for (double[] row : scores) {
      for (int i = 0; i < CANDIDATES; i++) {
        row[i] = Math.floor(r.uniform() * 4) / 4;
      }
    }
    return new Rankings(relevance, scores);
  }

  @SuppressWarnings("unchecked")
  static Score score(String name, Map<String, ?> options, Rankings rankings) {
    for (MetricProvider provider : ServiceLoader.load(MetricProvider.class)) {
      if (provider.name().equals(name)) {
        assertEquals(Rankings.class, provider.inputType());
        return ((Metric<Rankings>) provider.create(provider.schema().parse(options))).score(rankings);
      }
    }
    throw new AssertionError("no metric " + name);
  }

  static double value(String name, int k, Rankings rankings) {
    return score(name, Map.of("k", k), rankings).value();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void matchScikitLearnWithTiesAndGradedRelevance(int seed) {
    Rankings rankings = graded(seed);
    int s = seed - 1;
    assertEquals(NDCG[s], value("ndcg", 0, rankings), TOLERANCE, "ndcg");
    assertEquals(NDCG_AT_3[s], value("ndcg", 3, rankings), TOLERANCE, "ndcg@3");
    assertEquals(MAP[s], value("map", 0, rankings), TOLERANCE, "map");
    assertEquals(MAP_AT_3[s], value("map", 3, rankings), TOLERANCE, "map@3");
    assertEquals(PRECISION_AT_3[s], value("precision-at-k", 3, rankings), TOLERANCE, "P@3");
    assertEquals(PRECISION_AT_ALL[s], value("precision-at-k", 0, rankings), TOLERANCE, "P@all");
    assertEquals(RECALL_AT_3[s], value("recall-at-k", 3, rankings), TOLERANCE, "R@3");
    assertEquals(MRR[s], value("mrr", 0, rankings), TOLERANCE, "mrr");
    assertEquals(MRR_AT_3[s], value("mrr", 3, rankings), TOLERANCE, "mrr@3");
    assertEquals(MRR_ONE_RELEVANT_LRAP[s], value("mrr", 0, oneRelevant(seed)), TOLERANCE, "mrr = LRAP");
    Score details = score("map", Map.of(), rankings);
    long withoutRelevant = IntStream.range(0, QUERIES)
        .filter(q -> Arrays.stream(rankings.relevance(q)).allMatch(v -> v == 0)).count();
    assertEquals(withoutRelevant, details.details().get("queriesWithoutRelevant"));
    assertEquals((long) QUERIES, details.details().get("queries"));
  }

  @Test
  void tiesAreSharedAndAllRecallIsFound() {
    // two candidates tied at the top, one relevant: P@1 expects half a relevant candidate, MRR ranks it second
    Rankings tied = Rankings.from(List.of(List.of(0, 1, 0)), List.of(List.of(0.9, 0.9, 0.1)));
    assertEquals(0.5, value("precision-at-k", 1, tied), TOLERANCE);
    assertEquals(0.5, value("mrr", 0, tied), TOLERANCE);
    assertEquals(0.0, value("mrr", 1, tied), TOLERANCE);
    assertEquals(1.0, value("recall-at-k", 0, tied), TOLERANCE);
    // queries may differ in length; perQuery keeps each
    Score ragged = score("ndcg", Map.of(), Rankings.from(List.of(List.of(3, 0), List.of(0, 0, 1)),
        List.of(List.of(0.2, 0.1), List.of(0.3, 0.2, 0.1))));
    assertArrayEquals(new double[] {1.0, 0.5}, (double[]) ragged.details().get("perQuery"), TOLERANCE);
  }

  @Test
  void badInputGivesOneLineErrorsWithCountsAndPositions() {
    assertEquals("relevance has 2 queries but scores have 1; pass one list of scores per query",
        assertThrows(KilnException.class, () -> Rankings.from(List.of(List.of(1), List.of(0)),
            List.of(List.of(0.5)))).getMessage());
    assertEquals("query 1 has 2 relevance values but 3 scores; pass one score per candidate",
        assertThrows(KilnException.class, () -> Rankings.from(List.of(List.of(1), List.of(0, 1)),
            List.of(List.of(0.5), List.of(0.1, 0.2, 0.3)))).getMessage());
    assertEquals("scores[1][0] is NaN (2 such values in 2 queries); every score must be a finite number",
        assertThrows(KilnException.class, () -> new Rankings(new double[][] {{1, 0}, {0, 1}},
            new double[][] {{0.1, 0.2}, {Double.NaN, Double.NaN}})).getMessage());
    assertEquals("relevance[0][1] is -1.0 (1 such values in 1 queries); every relevance value must be a finite "
        + "number >= 0", assertThrows(KilnException.class, () -> Rankings.from(List.of(List.of(1, -1)),
        List.of(List.of(0.5, 0.4)))).getMessage());
    assertEquals("scores[0][1] is 'x', not a number", assertThrows(KilnException.class,
        () -> Rankings.from(List.of(List.of(1, 0)), List.of(List.of(0.5, "x")))).getMessage());
  }
}
