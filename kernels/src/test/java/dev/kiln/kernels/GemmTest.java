package dev.kiln.kernels;

import static dev.kiln.kernels.Float32.assertClose;
import static dev.kiln.kernels.Float32.random;
import static dev.kiln.kernels.Float32.wide;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@link Gemm} in float32 against OpenBLAS's {@code dgemm} in float64 (through {@link Nd4j#gemm}): every
 * transpose, scalar and layout agrees to 1e-5 relative to the largest value; in float64, against the definition
 * summed in Java, to 1e-13.
 */
class GemmTest {

  @Test
  void oneDnnServesTheCpuBackend() {
    assertNotNull(OneDnn.get(), "no oneDNN context: every kernel would fall back to ND4J");
  }

  @Test
  void everyTransposeAndScalarPair() {
    long m = 37;
    long k = 53;
    long n = 11;
    for (boolean ta : new boolean[] {false, true}) {
      for (boolean tb : new boolean[] {false, true}) {
        INDArray a = random(1, ta ? k : m, ta ? m : k);
        INDArray b = random(2, tb ? n : k, tb ? k : n);
        for (double[] scalars : new double[][] {{1, 0}, {1, 1}, {-2, 0}, {0.5, -1.5}}) {
          INDArray c = random(3, m, n);
          INDArray expected = Nd4j.gemm(wide(a), wide(b), wide(c), ta, tb, scalars[0], scalars[1]);
          INDArray actual = Gemm.gemm(a, b, c, ta, tb, scalars[0], scalars[1]);
          assertSame(c, actual);
          assertClose(expected, actual, "ta " + ta + ", tb " + tb + ", alpha " + scalars[0] + ", beta " + scalars[1]);
        }
      }
    }
  }

  @Test
  void theProductInANewArray() {
    INDArray a = random(4, 128, 784);
    INDArray w = random(5, 256, 784);
    INDArray y = Gemm.gemm(a, w, false, true);
    assertEquals('c', y.ordering());
    assertClose(Nd4j.gemm(wide(a), wide(w), false, true), y, "an MLP layer");
    INDArray ones = Nd4j.ones(DataType.FLOAT, 128, 1);
    assertClose(Nd4j.gemm(wide(ones), wide(y), true, false), Gemm.gemm(ones, y, true, false), "a column sum");
  }

  @Test
  void viewsColumnMajorArraysAndRowsOfABiggerMatrix() {
    INDArray big = random(6, 20, 30);
    INDArray rows = big.get(NDArrayIndex.interval(3, 13), NDArrayIndex.interval(5, 25));   // strides [30, 1]
    INDArray fortran = random(7, 20, 6).dup('f');
    INDArray out = Nd4j.create(DataType.FLOAT, new long[] {6, 10}, 'f');
    Gemm.gemm(fortran, rows, out, true, true, 1.0, 0.0);
    assertClose(Nd4j.gemm(wide(fortran), wide(rows), true, true), out, "views");
    INDArray outRows = big.get(NDArrayIndex.interval(0, 6), NDArrayIndex.interval(0, 10));   // overlaps rows
    INDArray before = big.dup();
    INDArray expected = Nd4j.gemm(wide(fortran), wide(rows), true, true);
    Gemm.gemm(fortran, rows.dup(), outRows, true, true, 1.0, 0.0);
    assertClose(expected, outRows, "into a view");
    assertEquals(before.get(NDArrayIndex.interval(6, 20), NDArrayIndex.all()),
        big.get(NDArrayIndex.interval(6, 20), NDArrayIndex.all()), "rows outside the view are untouched");
  }

  @Test
  void float64RunsInOpenBlasForEveryTransposeScalarAndOrder() {
    long k = 7;
    for (long[] rowsAndColumns : new long[][] {{13, 5}, {1, 5}, {13, 1}, {1, 1}}) {   // one row or column: dgemv
      long m = rowsAndColumns[0];
      long n = rowsAndColumns[1];
      for (boolean ta : new boolean[] {false, true}) {
        for (boolean tb : new boolean[] {false, true}) {
          for (char order : new char[] {'c', 'f'}) {
            INDArray a = random(16, ta ? k : m, ta ? m : k).castTo(DataType.DOUBLE).dup(order);
            INDArray b = random(17, tb ? n : k, tb ? k : n).castTo(DataType.DOUBLE).dup(order == 'c' ? 'f' : 'c');
            for (double[] scalars : new double[][] {{1, 0}, {-2, 0.5}}) {
              INDArray c = random(18, m, n).castTo(DataType.DOUBLE).dup(order);
              INDArray expected = product(a, b, c, ta, tb, scalars[0], scalars[1]);
              String what = m + "x" + n + ", ta " + ta + ", tb " + tb + ", order " + order + ", alpha " + scalars[0];
              assertTrue(BlasGemm.available(a, b, c), "OpenBLAS serves float64 products on the CPU backend");
              assertTrue(BlasGemm.gemm(a, b, c, ta, tb, scalars[0], scalars[1]), what);
              assertEquals(0, expected.distance1(c), 1e-13, what);
            }
          }
        }
      }
    }
  }

  @Test
  void float64BlocksOfABiggerMatrixWriteOnlyTheirRows() {
    INDArray x = random(19, 40, 6).castTo(DataType.DOUBLE);
    INDArray w = random(20, 3, 6).castTo(DataType.DOUBLE);
    INDArray scores = Nd4j.zeros(DataType.DOUBLE, 40, 3);
    INDArray rows = Nd4j.create(x.data(), new long[] {10, 6}, new long[] {6, 1}, 20 * 6, 'c');
    INDArray out = Nd4j.create(scores.data(), new long[] {10, 3}, new long[] {3, 1}, 20 * 3, 'c');
    assertSame(out, Gemm.gemm(rows, w, out, false, true, 1.0, 0.0));
    INDArray expected = x.mmul(w.transpose());
    assertEquals(0, expected.get(NDArrayIndex.interval(20, 30), NDArrayIndex.all())
        .distance1(scores.get(NDArrayIndex.interval(20, 30), NDArrayIndex.all())), 1e-13);
    assertEquals(0, scores.get(NDArrayIndex.interval(0, 20), NDArrayIndex.all()).sumNumber().doubleValue());
    assertEquals(0, scores.get(NDArrayIndex.interval(30, 40), NDArrayIndex.all()).sumNumber().doubleValue());
  }

  @Test
  void stridedMatricesTakeNd4jsGemm() {
    INDArray everyOther = random(10, 8, 10).get(NDArrayIndex.interval(0, 2, 8), NDArrayIndex.interval(0, 2, 10));
    INDArray other = random(11, 5, 3);
    assertClose(Nd4j.gemm(wide(everyOther), wide(other), false, false),
        Gemm.gemm(everyOther, other, Nd4j.create(DataType.FLOAT, 4, 3), false, false, 1.0, 0.0), "strides of 2");
    INDArray wideOther = wide(everyOther);
    INDArray c = Nd4j.create(DataType.DOUBLE, 4, 3);
    assertFalse(BlasGemm.gemm(wideOther.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2, 5)), wide(other)
        .get(NDArrayIndex.interval(0, 3), NDArrayIndex.all()), c, false, false, 1.0, 0.0), "no unit stride");
    INDArray strided = wide(random(21, 8, 10)).get(NDArrayIndex.interval(0, 2, 8), NDArrayIndex.interval(0, 2, 10));
    assertEquals(0, product(strided, wide(other), c, false, false, 1, 0)
        .distance1(Gemm.gemm(strided, wide(other), c, false, false, 1.0, 0.0)), 1e-13);
  }

  /** {@code alpha·op(a)·op(b) + beta·c} by the definition, in a new array. */
  private static INDArray product(INDArray a, INDArray b, INDArray c, boolean ta, boolean tb, double alpha,
      double beta) {
    INDArray left = ta ? a.transpose() : a;
    INDArray right = tb ? b.transpose() : b;
    INDArray out = Nd4j.create(DataType.DOUBLE, c.size(0), c.size(1));
    for (int i = 0; i < c.size(0); i++) {
      for (int j = 0; j < c.size(1); j++) {
        double sum = 0;
        for (int l = 0; l < left.size(1); l++) {
          sum += left.getDouble(i, l) * right.getDouble(l, j);
        }
        out.putScalar(i, j, alpha * sum + beta * c.getDouble(i, j));
      }
    }
    return out;
  }

  @Test
  void threadsRunSideBySideWithTheirOwnPrimitives() throws Exception {
    INDArray a = random(14, 64, 100);
    INDArray b = random(15, 100, 48);
    INDArray expected = Nd4j.gemm(wide(a), wide(b), false, false);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<INDArray>> products = new ArrayList<>();
      for (int t = 0; t < 16; t++) {
        products.add(pool.submit(() -> {
          INDArray c = null;
          for (int i = 0; i < 50; i++) {
            c = Gemm.gemm(a, b, false, false);
          }
          return c;
        }));
      }
      for (Future<INDArray> product : products) {
        assertClose(expected, product.get(), "a product on a pool thread");
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void mismatchedShapesFailAsNd4jDoes() {
    INDArray a = random(12, 3, 4);
    INDArray b = random(13, 5, 2);
    INDArray c = Nd4j.create(DataType.FLOAT, 3, 2);
    String nd4j = assertThrows(RuntimeException.class, () -> Nd4j.gemm(a, b, c, false, false, 1.0, 0.0)).getMessage();
    assertEquals(nd4j, assertThrows(RuntimeException.class, () -> Gemm.gemm(a, b, c, false, false, 1.0, 0.0))
        .getMessage());
  }
}
