package dev.kiln.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@link Eltwise} against Java's {@link Math}: IEEE 754 square roots are correctly rounded, so every root must
 * be equal, not merely close, on both the oneDNN path and ND4J's; exponentials agree to 2·10⁻⁷ relative (two
 * float32 ulps); ReLU and its gradient exactly.
 */
class EltwiseTest {

  @Test
  void float32RootsAreCorrectlyRoundedAndTakeOneDnn() {
    INDArray x = positive(DataType.FLOAT, 100_003);
    INDArray out = Nd4j.create(DataType.FLOAT, 100_003);
    assertTrue(OneDnn.get() != null && Eltwise.flatFloats(x, out), "contiguous float32 on the CPU runs in oneDNN");
    Eltwise.sqrt(x, out);
    assertRoots(x, out);
  }

  @Test
  void inPlaceOnAMatrixInEitherOrder() {
    for (char order : new char[] {'c', 'f'}) {
      INDArray x = positive(DataType.FLOAT, 37 * 11).reshape(order, 37, 11);
      INDArray before = x.dup(order);
      Eltwise.sqrt(x, x);
      assertRoots(before, x);
    }
  }

  @Test
  void viewsWriteOnlyTheirOwnElements() {
    INDArray matrix = positive(DataType.FLOAT, 10 * 4).reshape(10, 4);
    INDArray before = matrix.dup();
    INDArray rows = matrix.get(NDArrayIndex.interval(3, 7), NDArrayIndex.all());
    Eltwise.sqrt(rows, rows);
    for (int r = 0; r < 10; r++) {
      for (int c = 0; c < 4; c++) {
        float old = before.getFloat(r, c);
        float expected = r >= 3 && r < 7 ? (float) Math.sqrt(old) : old;
        assertEquals(expected, matrix.getFloat(r, c), 0f, "element (" + r + ", " + c + ")");
      }
    }
  }

  @Test
  void otherTypesAndLayoutsFallBackToNd4j() {
    INDArray doubles = positive(DataType.DOUBLE, 1000);
    INDArray roots = Nd4j.create(DataType.DOUBLE, 1000);
    assertFalse(Eltwise.flatFloats(doubles, roots));
    Eltwise.sqrt(doubles, roots);
    assertRoots(doubles, roots);

    INDArray column = positive(DataType.FLOAT, 50 * 3).reshape(50, 3).getColumn(1);
    INDArray columnRoots = Nd4j.create(DataType.FLOAT, 50);
    assertFalse(Eltwise.flatFloats(column, columnRoots), "a strided column is not a flat buffer");
    Eltwise.sqrt(column, columnRoots);
    assertRoots(column, columnRoots);

    INDArray c = positive(DataType.FLOAT, 6 * 5).reshape('c', 6, 5);
    INDArray f = Nd4j.create(DataType.FLOAT, new long[] {6, 5}, 'f');
    assertFalse(Eltwise.flatFloats(c, f), "different element orders");
    Eltwise.sqrt(c, f);
    assertRoots(c, f);
  }

  @Test
  void moreLengthsThanTheCacheHolds() {
    for (int length = 1; length <= 150; length++) {
      INDArray x = positive(DataType.FLOAT, length);
      INDArray out = Nd4j.create(DataType.FLOAT, length);
      Eltwise.sqrt(x, out);
      assertRoots(x, out);
    }
  }

  @Test
  void emptyArraysAreLeftAlone() {
    INDArray empty = Nd4j.create(DataType.FLOAT, 0);
    Eltwise.sqrt(empty, empty);
    Eltwise.relu(empty, empty);
    assertEquals(0, empty.length());
  }

  @Test
  void specialValuesFollowIeee() {
    INDArray x = Nd4j.createFromArray(0f, -0f, Float.POSITIVE_INFINITY, -1f, Float.NaN, Float.MIN_VALUE);
    INDArray out = Nd4j.create(DataType.FLOAT, 6);
    Eltwise.sqrt(x, out);
    assertRoots(x, out);
  }

  @Test
  void exponentialsReluAndItsGradientOnBothPaths() {
    for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
      Nd4j.getRandom().setSeed(11);
      INDArray x = Nd4j.rand(type, 300, 7).subi(0.5).muli(40);    // exponents in [-20, 20]
      INDArray g = Nd4j.rand(type, 300, 7);
      INDArray exp = Nd4j.create(type, 300, 7);
      INDArray relu = Nd4j.create(type, 300, 7);
      INDArray back = Nd4j.create(type, 300, 7);
      Eltwise.exp(x, exp);
      Eltwise.relu(x, relu);
      Eltwise.reluBackward(relu, g, back);
      for (int i = 0; i < 300; i++) {
        for (int j = 0; j < 7; j++) {
          double v = x.getDouble(i, j);
          double e = Math.exp(v);
          assertEquals(e, exp.getDouble(i, j), 2e-7 * e, type + " exp(" + v + ")");
          assertEquals(Math.max(v, 0), relu.getDouble(i, j), 0.0, type + " relu(" + v + ")");
          assertEquals(v > 0 ? g.getDouble(i, j) : 0, back.getDouble(i, j), 0.0, type + " relu'(" + v + ")");
        }
      }
    }
  }

  private static INDArray positive(DataType type, int length) {
    Nd4j.getRandom().setSeed(7);
    return Nd4j.rand(type, length).muli(1000);
  }

  private static void assertRoots(INDArray x, INDArray roots) {
    INDArray flatX = x.dup('c').reshape(x.length());
    INDArray flatRoots = roots.dup('c').reshape(roots.length());
    for (long i = 0; i < x.length(); i++) {
      double value = flatX.getDouble(i);
      double expected = x.dataType() == DataType.FLOAT ? (float) Math.sqrt((float) value) : Math.sqrt(value);
      assertEquals(expected, flatRoots.getDouble(i), 0.0, "sqrt(" + value + ") at " + i);
    }
  }
}
