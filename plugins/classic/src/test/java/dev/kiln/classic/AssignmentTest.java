package dev.kiln.classic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@link Assignment}'s blocked E-step against its definition: each label the nearest center by
 * {@code argmin ||x − c||²} (the first on ties), the sums and sizes those of the labels, after any sequence of
 * updates and with any number of threads.
 */
class AssignmentTest {
  private static final int N = 20_000;
  private static final int D = 3;
  private static final int K = 5;

  /** Gaussian rows: 20,000 of 3 features and 5 centers make 3 blocks. */
  private static INDArray rows() {
    Nd4j.getRandom().setSeed(7);
    return Nd4j.randn(DataType.DOUBLE, N, D);
  }

  private static double[] centers(long seed) {
    Nd4j.getRandom().setSeed(seed);
    return Nd4j.randn(DataType.DOUBLE, K, D).data().asDouble();
  }

  @Test
  void labelsSumsAndSizesFollowTheDefinitionAfterEveryUpdate() {
    INDArray x = rows();
    double[][] rows = x.toDoubleMatrix();
    try (Assignment assignment = new Assignment(x, K)) {
      int[] previous = null;
      for (long seed = 1; seed <= 4; seed++) {
        double[] c = centers(seed);
        int changed = assignment.update(c);
        int[] expected = nearest(rows, c, K, D);
        assertArrayEquals(expected, assignment.labels(), "labels after update " + seed);
        int moved = 0;
        double[] sums = new double[K * D];
        long[] sizes = new long[K];
        for (int i = 0; i < N; i++) {
          moved += previous == null || previous[i] != expected[i] ? 1 : 0;
          sizes[expected[i]]++;
          for (int f = 0; f < D; f++) {
            sums[expected[i] * D + f] += rows[i][f];
          }
        }
        assertEquals(moved, changed, "changed labels after update " + seed);
        assertArrayEquals(sizes, assignment.sizes(), "sizes after update " + seed);
        for (int i = 0; i < sums.length; i++) {
          assertEquals(sums[i], assignment.sums()[i], 1e-10 * Math.max(1, Math.abs(sums[i])),
              "sum " + i + " after update " + seed);
        }
        previous = expected;
      }
    }
  }

  @Test
  void productsOpenBlasWouldSplitFollowTheDefinitionToo() {
    Nd4j.getRandom().setSeed(11);
    INDArray x = Nd4j.randn(DataType.DOUBLE, 3_000, 40);
    double[] c = Nd4j.randn(DataType.DOUBLE, 40, 40).data().asDouble();
    try (Assignment assignment = new Assignment(x, 40)) {
      assertTrue(assignment.productsSplit(), "40 centers × 40 features: blocks above OpenBLAS's one-thread size");
      assertEquals(3_000, assignment.update(c));
      assertArrayEquals(nearest(x.toDoubleMatrix(), c, 40, 40), assignment.labels());
    }
    try (Assignment assignment = new Assignment(rows(), K)) {
      assertFalse(assignment.productsSplit(), "5 centers × 3 features");
    }
  }

  @Test
  void theFirstCenterWinsATie() {
    double[] c = centers(1);
    System.arraycopy(c, D, c, 3 * D, D);   // centers 1 and 3 coincide
    try (Assignment assignment = new Assignment(rows(), K)) {
      assignment.update(c);
      assertNotEquals(0, Arrays.stream(assignment.labels()).filter(label -> label == 1).count());
      assertEquals(0, Arrays.stream(assignment.labels()).filter(label -> label == 3).count());
    }
    double[] far = new double[K * D];
    Arrays.fill(far, 1e200);   // ‖c‖² overflows: every score is −∞, a tie the first center keeps
    try (Assignment assignment = new Assignment(rows(), K)) {
      assignment.update(far);
      assertEquals(0, Arrays.stream(assignment.labels()).filter(label -> label != 0).count());
    }
  }

  @Test
  void takesOnlyWholeArrays() {
    INDArray x = rows();
    assertThrows(IllegalArgumentException.class, () -> new Assignment(x.get(NDArrayIndex.interval(100, N),
        NDArrayIndex.all()), K));
    assertThrows(IllegalArgumentException.class, () -> new Assignment(x.dup('f'), K));
  }

  @Test
  void theNumbersDoNotDependOnTheThreadCount() {
    INDArray x = rows();
    double[][] sums = new double[3][];
    int[][] labels = new int[3][];
    for (int threads = 1; threads <= 3; threads++) {
      try (Assignment assignment = new Assignment(x, K, threads)) {
        for (long seed = 1; seed <= 3; seed++) {
          assignment.update(centers(seed));
        }
        sums[threads - 1] = assignment.sums().clone();
        labels[threads - 1] = assignment.labels().clone();
      }
    }
    for (int t = 1; t < 3; t++) {
      assertArrayEquals(sums[0], sums[t], (t + 1) + " threads");
      assertArrayEquals(labels[0], labels[t], (t + 1) + " threads");
    }
  }

  /** The index of the nearest of {@code k} centers {@code c} ({@code k × d}) to each row, by the definition. */
  private static int[] nearest(double[][] rows, double[] c, int k, int d) {
    int[] labels = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      double best = Double.POSITIVE_INFINITY;
      for (int j = 0; j < k; j++) {
        double distance = 0;
        for (int f = 0; f < d; f++) {
          distance += (rows[i][f] - c[j * d + f]) * (rows[i][f] - c[j * d + f]);
        }
        if (distance < best) {
          best = distance;
          labels[i] = j;
        }
      }
    }
    return labels;
  }
}
