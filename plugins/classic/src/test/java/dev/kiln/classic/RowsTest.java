package dev.kiln.classic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** Row geometry against its definition, one feature included (ND4J reduces an axis of length 1 to its input). */
class RowsTest {
  @Test
  void squaredNormsOfOneAndOfSeveralColumns() {
    assertArrayEquals(new double[] {1, 4}, Rows.squaredNorms(Nd4j.createFromArray(new double[][] {{-1}, {2}}))
        .toDoubleVector(), 0.0);
    assertArrayEquals(new double[] {5, 25}, Rows.squaredNorms(Nd4j.createFromArray(new double[][] {{-1, 2},
        {3, -4}})).toDoubleVector(), 0.0);
  }

  @Test
  void unitRowsOfOneColumnKeepTheirSign() {
    assertArrayEquals(new double[][] {{-1}, {1}, {0}}, Rows.unitRows(Nd4j.createFromArray(new double[][] {{-1},
        {2}, {0}})).toDoubleMatrix());
    assertArrayEquals(new double[][] {{0.6, -0.8}}, Rows.unitRows(Nd4j.createFromArray(new double[][] {{3, -4}}))
        .toDoubleMatrix());
  }
}
