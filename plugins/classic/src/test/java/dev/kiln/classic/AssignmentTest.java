package dev.kiln.classic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link Assignment}'s blocked E-step against its definition: labels the argmax of {@code W x̃} (the first on
 * ties), sums {@code X̃ᵀ A} from the one-hot labels, after any sequence of updates and with any number of threads.
 */
class AssignmentTest {
  private static final int N = 20_000;
  private static final int K = 5;

  /** Rows of 3 gaussian features and a column of ones (many blocks: 20,000 rows of 4 + 5 scores). */
  private static INDArray rows() {
    Nd4j.getRandom().setSeed(7);
    INDArray x = Nd4j.randn(DataType.DOUBLE, N, 4);
    x.getColumn(3).assign(1);
    return x;
  }

  private static INDArray weights(long seed) {
    Nd4j.getRandom().setSeed(seed);
    return Nd4j.randn(DataType.DOUBLE, K, 4);
  }

  @Test
  void labelsAndSumsFollowTheDefinitionAfterEveryUpdate() {
    INDArray x = rows();
    try (Assignment assignment = new Assignment(x, K)) {
      int[] previous = null;
      for (long seed = 1; seed <= 4; seed++) {
        INDArray w = weights(seed);
        int changed = assignment.update(w);
        int[] expected = Nd4j.argMax(x.mmul(w.transpose()), 1).toIntVector();
        assertArrayEquals(expected, assignment.labels(), "labels after update " + seed);
        int moved = 0;
        for (int i = 0; i < N; i++) {
          moved += previous == null || previous[i] != expected[i] ? 1 : 0;
        }
        assertEquals(moved, changed, "changed labels after update " + seed);
        double[] sums = oneHot(expected).transpose().mmul(x).reshape(K * 4L).toDoubleVector();
        double[] found = assignment.sums();
        for (int i = 0; i < sums.length; i++) {
          assertEquals(sums[i], found[i], 1e-10 * Math.max(1, Math.abs(sums[i])), "sum " + i + ", update " + seed);
        }
        previous = expected;
      }
    }
  }

  @Test
  void theFirstCenterWinsATie() {
    INDArray x = rows();
    INDArray w = weights(1);
    w.getRow(3).assign(w.getRow(1));   // centers 1 and 3 score every row alike
    try (Assignment assignment = new Assignment(x, K)) {
      assignment.update(w);
      for (int label : assignment.labels()) {
        assertEquals(false, label == 3, "center 3 ties with center 1, which comes first");
      }
    }
  }

  @Test
  void theNumbersDoNotDependOnTheThreadCount() {
    INDArray x = rows();
    double[][] sums = new double[3][];
    int[][] labels = new int[3][];
    for (int threads = 1; threads <= 3; threads++) {
      try (Assignment assignment = new Assignment(x, K, threads)) {
        for (long seed = 1; seed <= 3; seed++) {
          assignment.update(weights(seed));
        }
        sums[threads - 1] = assignment.sums().clone();
        labels[threads - 1] = assignment.labels().clone();
      }
    }
    assertArrayEquals(sums[0], sums[1]);
    assertArrayEquals(sums[0], sums[2]);
    assertArrayEquals(labels[0], labels[1]);
    assertArrayEquals(labels[0], labels[2]);
  }

  private static INDArray oneHot(int[] labels) {
    INDArray a = Nd4j.zeros(DataType.DOUBLE, labels.length, K);
    for (int i = 0; i < labels.length; i++) {
      a.putScalar(i, labels[i], 1.0);
    }
    return a;
  }
}
