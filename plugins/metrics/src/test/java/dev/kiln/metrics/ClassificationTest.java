package dev.kiln.metrics;

import static dev.kiln.metrics.ClassificationReference.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.KilnException;
import dev.kiln.api.Metric;
import dev.kiln.api.MetricProvider;
import dev.kiln.api.Predictions;
import dev.kiln.api.Score;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Classification metrics against scikit-learn 1.2 to 1e-12 on the random data of
 * tools/reference/metrics_classification_sklearn.py (seeds 1, 2, 3; values in {@link ClassificationReference}),
 * including a class never predicted (seed 3), zeroDivision 1, a declared label that never occurs, tied and
 * constant scores.
 */
class ClassificationTest {
  static final double TOLERANCE = 1e-12;
  static final int N = 600;
  static final int K = 4;

  /** The multi-class data of metrics_classification_sklearn.py: truth, predicted labels, probabilities. */
  record Multiclass(INDArray truth, INDArray predicted, INDArray probabilities) {
    static Multiclass of(int seed) {
      SplitMix r = new SplitMix(seed);
      double[] truth = new double[N];
      double[] predicted = new double[N];
      double[][] probabilities = new double[N][K];
      for (int i = 0; i < N; i++) {
        int t = r.below(K);
        int p = r.uniform() < 0.6 ? t : r.below(K - 1);
        if (seed == 3) {
          p = Math.min(p, K - 2);
        }
        double[] raw = new double[K];
        double sum = 0;
        for (int j = 0; j < K; j++) {
          raw[j] = r.uniform() + (j == t ? 0.9 : 0.0);
        }
        for (double v : raw) {
          sum += v;
        }
        for (int j = 0; j < K; j++) {
          probabilities[i][j] = raw[j] / sum;
        }
        truth[i] = t;
        predicted[i] = p;
      }
      return new Multiclass(Nd4j.createFromArray(truth), Nd4j.createFromArray(predicted),
          Nd4j.createFromArray(probabilities));
    }
  }

  /** The binary data of metrics_classification_sklearn.py: truth, tied scores, labels, probabilities. */
  record Binary(INDArray truth, INDArray scores, INDArray predicted, INDArray probability) {
    static Binary of(int seed) {
      SplitMix r = new SplitMix(seed + 100);
      double[][] columns = new double[4][N];
      for (int i = 0; i < N; i++) {
        int b = r.below(2);
        columns[1][i] = Math.floor((0.35 * b + 0.65 * r.uniform()) * 20) / 20;
        columns[2][i] = r.uniform() < 0.7 ? b : 1 - b;
        columns[3][i] = 0.2 + 0.6 * (b + r.uniform()) / 2;
        columns[0][i] = b;
      }
      return new Binary(Nd4j.createFromArray(columns[0]), Nd4j.createFromArray(columns[1]),
          Nd4j.createFromArray(columns[2]), Nd4j.createFromArray(columns[3]));
    }
  }

  @SuppressWarnings("unchecked")
  static Metric<Predictions> metric(String name, Map<String, ?> options) {
    for (MetricProvider provider : ServiceLoader.load(MetricProvider.class)) {
      if (provider.name().equals(name)) {
        return (Metric<Predictions>) provider.create(provider.schema().parse(options));
      }
    }
    throw new AssertionError("no metric " + name);
  }

  static Score score(String name, Map<String, ?> options, INDArray truth, INDArray predicted) {
    return metric(name, options).score(new Predictions(truth, predicted));
  }

  static double value(String name, Map<String, ?> options, INDArray truth, INDArray predicted) {
    return score(name, options, truth, predicted).value();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void precisionRecallAndF1MatchScikitLearnForEveryAverage(int seed) {
    Multiclass data = Multiclass.of(seed);
    int s = seed - 1;
    double[][] expected = {PRECISION_MACRO, RECALL_MACRO, F1_MACRO, PRECISION_MICRO, RECALL_MICRO, F1_MICRO,
        PRECISION_WEIGHTED, RECALL_WEIGHTED, F1_WEIGHTED};
    String[] averages = {"macro", "micro", "weighted"};
    String[] names = {"precision", "recall", "f1"};
    for (int a = 0; a < 3; a++) {
      for (int m = 0; m < 3; m++) {
        assertEquals(expected[3 * a + m][s], value(names[m], Map.of("average", averages[a]), data.truth(),
            data.predicted()), TOLERANCE, names[m] + " " + averages[a]);
      }
    }
    Score none = score("f1", Map.of("average", "none"), data.truth(), data.predicted());
    assertTrue(Double.isNaN(none.value()));
    @SuppressWarnings("unchecked")
    Map<String, Object> perClass = (Map<String, Object>) none.details().get("perClass");
    assertArrayEquals(PRECISION_PER_CLASS[s], (double[]) perClass.get("precision"), TOLERANCE);
    assertArrayEquals(RECALL_PER_CLASS[s], (double[]) perClass.get("recall"), TOLERANCE);
    assertArrayEquals(F1_PER_CLASS[s], (double[]) perClass.get("fScore"), TOLERANCE);
    assertArrayEquals(SUPPORT[s], (long[]) perClass.get("support"));
    assertArrayEquals(new long[] {0, 1, 2, 3}, (long[]) none.details().get("labels"));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void fbetaZeroDivisionAndDeclaredLabelsMatchScikitLearn(int seed) {
    Multiclass data = Multiclass.of(seed);
    int s = seed - 1;
    assertEquals(FBETA_HALF_MACRO[s], value("fbeta", Map.of("beta", 0.5, "average", "macro"), data.truth(),
        data.predicted()), TOLERANCE);
    assertEquals(FBETA_TWO_WEIGHTED[s], value("fbeta", Map.of("beta", 2, "average", "weighted"), data.truth(),
        data.predicted()), TOLERANCE);
    assertEquals(PRECISION_MACRO_ZERO_DIVISION_1[s], value("precision", Map.of("average", "macro",
        "zeroDivision", 1), data.truth(), data.predicted()), TOLERANCE);
    assertEquals(F1_MACRO_ZERO_DIVISION_1[s], value("f1", Map.of("average", "macro", "zeroDivision", 1),
        data.truth(), data.predicted()), TOLERANCE);
    Map<String, Object> declared = Map.of("average", "macro", "labels", List.of(0, 1, 2, 3, 4));
    assertEquals(F1_MACRO_LABELS_0_TO_4[s], value("f1", declared, data.truth(), data.predicted()), TOLERANCE);
    assertEquals(RECALL_MACRO_LABELS_0_TO_4[s], value("recall", declared, data.truth(), data.predicted()),
        TOLERANCE);
    Score f1 = score("f1", declared, data.truth(), data.predicted());
    long[] undefined = (long[]) f1.details().get("zeroDivisionLabels");
    assertArrayEquals(seed == 3 ? new long[] {3, 4} : new long[] {4}, undefined, "labels with a zero division");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void confusionMatrixMatchesScikitLearn(int seed) {
    Multiclass data = Multiclass.of(seed);
    int s = seed - 1;
    Score counts = score("confusion-matrix", Map.of(), data.truth(), data.predicted());
    assertArrayEquals(CONFUSION[s], (long[][]) counts.details().get("matrix"));
    long diagonal = 0;
    for (int i = 0; i < K; i++) {
      diagonal += CONFUSION[s][i][i];
    }
    assertEquals((double) diagonal / N, counts.value(), TOLERANCE);
    double[][] byTrue = (double[][]) score("confusion-matrix", Map.of("normalize", "true"), data.truth(),
        data.predicted()).details().get("matrix");
    double[][] byPredicted = (double[][]) score("confusion-matrix", Map.of("normalize", "pred"), data.truth(),
        data.predicted()).details().get("matrix");
    for (int i = 0; i < K; i++) {
      assertArrayEquals(CONFUSION_NORMALIZE_TRUE[s][i], byTrue[i], TOLERANCE);
      assertArrayEquals(CONFUSION_NORMALIZE_PRED[s][i], byPredicted[i], TOLERANCE);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void rocAucAveragePrecisionAndLogLossOfProbabilitiesMatchScikitLearn(int seed) {
    Multiclass data = Multiclass.of(seed);
    int s = seed - 1;
    assertEquals(ROC_AUC_OVR_MACRO[s], value("roc-auc", Map.of(), data.truth(), data.probabilities()), TOLERANCE);
    assertEquals(ROC_AUC_OVR_WEIGHTED[s], value("roc-auc", Map.of("average", "weighted"), data.truth(),
        data.probabilities()), TOLERANCE);
    assertEquals(ROC_AUC_OVR_MICRO[s], value("roc-auc", Map.of("average", "micro"), data.truth(),
        data.probabilities()), TOLERANCE);
    assertEquals(AP_OVR_MACRO[s], value("average-precision", Map.of(), data.truth(), data.probabilities()),
        TOLERANCE);
    assertEquals(AP_OVR_WEIGHTED[s], value("average-precision", Map.of("average", "weighted"), data.truth(),
        data.probabilities()), TOLERANCE);
    assertEquals(AP_OVR_MICRO[s], value("average-precision", Map.of("average", "micro"), data.truth(),
        data.probabilities()), TOLERANCE);
    assertEquals(LOG_LOSS[s], value("log-loss", Map.of(), data.truth(), data.probabilities()), TOLERANCE);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void binaryMetricsWithTiedScoresMatchScikitLearn(int seed) {
    Binary data = Binary.of(seed);
    int s = seed - 1;
    assertEquals(BINARY_ROC_AUC[s], value("roc-auc", Map.of(), data.truth(), data.scores()), TOLERANCE);
    Score curve = score("roc-curve", Map.of(), data.truth(), data.scores());
    assertArrayEquals(BINARY_FPR[s], (double[]) curve.details().get("fpr"), TOLERANCE);
    assertArrayEquals(BINARY_TPR[s], (double[]) curve.details().get("tpr"), TOLERANCE);
    assertArrayEquals(BINARY_THRESHOLDS[s], (double[]) curve.details().get("thresholds"), TOLERANCE);
    assertEquals(BINARY_ROC_AUC[s], curve.value(), TOLERANCE);
    Score all = score("roc-curve", Map.of("dropIntermediate", false), data.truth(), data.scores());
    assertArrayEquals(BINARY_FPR_ALL[s], (double[]) all.details().get("fpr"), TOLERANCE);
    assertArrayEquals(BINARY_THRESHOLDS_ALL[s], (double[]) all.details().get("thresholds"), TOLERANCE);
    assertEquals(BINARY_AP[s], value("average-precision", Map.of(), data.truth(), data.scores()), TOLERANCE);
    assertEquals(BINARY_PRECISION[s], value("precision", Map.of(), data.truth(), data.predicted()), TOLERANCE);
    assertEquals(BINARY_RECALL[s], value("recall", Map.of(), data.truth(), data.predicted()), TOLERANCE);
    assertEquals(BINARY_F1[s], value("f1", Map.of(), data.truth(), data.predicted()), TOLERANCE);
    assertEquals(BINARY_F1_POS_LABEL_0[s], value("f1", Map.of("posLabel", 0), data.truth(), data.predicted()),
        TOLERANCE);
    assertEquals(BINARY_LOG_LOSS[s], value("log-loss", Map.of(), data.truth(), data.probability()), TOLERANCE);
    INDArray constant = Nd4j.valueArrayOf(new long[] {N}, 0.5);
    assertEquals(CONSTANT_SCORE_ROC_AUC[s], value("roc-auc", Map.of(), data.truth(), constant), TOLERANCE);
    assertEquals(CONSTANT_SCORE_AP[s], value("average-precision", Map.of(), data.truth(), constant), TOLERANCE);
  }

  @Test
  void scoresOfTwoColumnsAreTheProbabilityOfTheSecondClass() {
    Binary data = Binary.of(1);
    INDArray p = data.probability().reshape(N, 1);
    INDArray twoColumns = Nd4j.hstack(p.rsub(1), p);
    assertEquals(value("roc-auc", Map.of(), data.truth(), data.probability()),
        value("roc-auc", Map.of(), data.truth(), twoColumns), TOLERANCE);
    assertEquals(BINARY_LOG_LOSS[0], value("log-loss", Map.of(), data.truth(), twoColumns), TOLERANCE);
  }

  @Test
  void multiClassNeedsAnExplicitAverage() {
    Multiclass data = Multiclass.of(1);
    KilnException error = assertThrows(KilnException.class,
        () -> value("f1", Map.of(), data.truth(), data.predicted()));
    assertEquals("f1: the labels are multi-class [0, 1, 2, 3] but average is 'binary'; choose average: 'macro', "
        + "'micro', 'weighted' or 'none'", error.getMessage());
  }

  @Test
  void badInputGivesOneLineErrorsWithCountsAndPositions() {
    INDArray truth = Nd4j.createFromArray(0.0, 1.0, 2.0, 1.0);
    assertEquals("f1: true label 7 at index 1 is not among the declared labels [0, 1, 2] (1 of 4 values); "
        + "declare it in labels or fix the data", assertThrows(KilnException.class, () -> value("f1",
        Map.of("average", "macro", "labels", List.of(0, 1, 2)), Nd4j.createFromArray(0.0, 7.0, 2.0, 1.0),
        truth)).getMessage());
    assertEquals("precision: predicted label 0.5 at row 2 is not a whole number (2 of 4 values); pass class labels "
        + "such as 0, 1, 2, or per-class scores [n, k]", assertThrows(KilnException.class,
        () -> value("precision", Map.of("average", "micro"), truth, Nd4j.createFromArray(0.0, 1.0, 0.5, 1.5)))
        .getMessage());
    assertTrue(assertThrows(KilnException.class, () -> new Predictions(truth, Nd4j.createFromArray(1.0, 2.0)))
        .getMessage().contains("truth [4], prediction [2]"));
    assertEquals("roc-auc: score at index 2 is NaN (1 of 4 values, shape [4]); every score must be a finite number",
        assertThrows(KilnException.class, () -> value("roc-auc", Map.of(), Nd4j.createFromArray(0.0, 1.0, 0.0,
            1.0), Nd4j.createFromArray(0.1, 0.2, Double.NaN, 0.4))).getMessage());
    assertTrue(assertThrows(KilnException.class, () -> value("roc-auc", Map.of(), Nd4j.createFromArray(1.0, 1.0),
        Nd4j.createFromArray(0.3, 0.4))).getMessage().contains("only one class is present"));
    assertTrue(assertThrows(KilnException.class, () -> value("roc-auc", Map.of(), Nd4j.createFromArray(0.0, 1.0,
        2.0), Nd4j.createFromArray(new double[][] {{1, 1, 1}, {0, 1, 0}, {0, 0, 1}}))).getMessage()
        .contains("row 0 sums to 3.0"));
    for (KilnException e : List.of(
        assertThrows(KilnException.class, () -> value("recall", Map.of("zeroDivision", 0.5), truth, truth)),
        assertThrows(KilnException.class, () -> metric("f1", Map.of("labels", List.of(1, 1))))
    )) {
      assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
  }
}
