package dev.kiln.kernels;

import static dev.kiln.kernels.Float32.assertClose;
import static dev.kiln.kernels.Float32.random;
import static dev.kiln.kernels.Float32.wide;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
 * transpose, scalar and layout agrees to 1e-5 relative to the largest value.
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
  void float64AndStridedMatricesTakeNd4jsGemm() {
    INDArray a = random(8, 9, 4).castTo(DataType.DOUBLE);
    INDArray b = random(9, 4, 5).castTo(DataType.DOUBLE);
    assertEquals(Nd4j.gemm(a, b, false, false), Gemm.gemm(a, b, false, false));
    INDArray everyOther = random(10, 8, 10).get(NDArrayIndex.interval(0, 2, 8), NDArrayIndex.interval(0, 2, 10));
    INDArray other = random(11, 5, 3);
    assertClose(Nd4j.gemm(wide(everyOther), wide(other), false, false),
        Gemm.gemm(everyOther, other, Nd4j.create(DataType.FLOAT, 4, 3), false, false, 1.0, 0.0), "strides of 2");
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
