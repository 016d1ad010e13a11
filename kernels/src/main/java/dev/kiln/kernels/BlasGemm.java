package dev.kiln.kernels;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasColMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemm;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemv;

import java.lang.ref.Reference;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Float64 products in OpenBLAS's {@code cblas_dgemm}, called directly: the library (and thread count) ND4J's
 * CPU backend uses, without the 15–30 µs {@link Nd4j#gemm} spends per call before BLAS starts (a
 * {@code [2621, 17]·[17, 8]} product takes 22 µs in BLAS and 40 µs through ND4J).
 *
 * <p>BLAS takes a matrix with a unit stride along one axis and a leading dimension at least the other axis'
 * length: {@code C} row-major runs as {@code CblasRowMajor}, column-major as {@code CblasColMajor}, and an
 * operand stored in the other order as its transpose. A product with one row or one column runs as a
 * matrix-vector product, {@code dgemv}: OpenBLAS 0.3.19's {@code dgemm} packs the matrix first, and takes 2 ms
 * for the column sums {@code 1ᵀX} of a {@code [100000, 16]} matrix that {@code dgemv} reads in 0.5 ms.
 */
final class BlasGemm {
  private static final Logger LOG = LoggerFactory.getLogger(BlasGemm.class);
  /** Whether OpenBLAS serves this process: the CPU backend, and its library loads. */
  private static final boolean AVAILABLE = available();

  private BlasGemm() {}

  private static boolean available() {
    if (!Nd4j.getEnvironment().isCPU()) {
      return false;
    }
    try {
      Loader.load(openblas_nolapack.class);
      return true;
    } catch (RuntimeException | LinkageError e) {
      LOG.warn("OpenBLAS did not load ({}); float64 products run through ND4J", e.toString());
      return false;
    }
  }

  /** Whether float64 products run here rather than in ND4J. */
  static boolean available(INDArray... arrays) {
    if (!AVAILABLE) {
      return false;
    }
    for (INDArray x : arrays) {
      if (x.dataType() != DataType.DOUBLE || x.rank() != 2 || x.length() == 0) {
        return false;
      }
    }
    return true;
  }

  /** An operand as BLAS takes it: transposed or not, and its leading dimension. */
  private record Operand(int transpose, long leading) {
    /**
     * A {@code rows × columns} matrix of strides {@code s} for a product in row-major ({@code rowMajor}) or
     * column-major order; null when BLAS cannot take it.
     */
    static Operand of(long rows, long columns, long[] s, boolean rowMajor) {
      boolean rowMajorLayout = s[1] == 1 && s[0] >= Math.max(1, columns);
      boolean columnMajorLayout = s[0] == 1 && s[1] >= Math.max(1, rows);
      if (rowMajor ? rowMajorLayout : columnMajorLayout) {
        return new Operand(CblasNoTrans, rowMajor ? s[0] : s[1]);
      }
      if (rowMajor ? columnMajorLayout : rowMajorLayout) {
        return new Operand(CblasTrans, rowMajor ? s[1] : s[0]);
      }
      return null;
    }
  }

  /**
   * {@code c := alpha·op(a)·op(b) + beta·c} for float64 matrices of matching shapes that {@link #available} accepts;
   * false, with {@code c} untouched, when a layout is not one BLAS takes.
   */
  static boolean gemm(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB, double alpha,
      double beta) {
    long m = c.size(0);
    long n = c.size(1);
    long k = a.size(transposeA ? 0 : 1);
    long[] out = Gemm.strides(m, n, c.stride(0), c.stride(1));
    Operand product = Operand.of(m, n, out, true);
    boolean rowMajor = product != null && product.transpose() == CblasNoTrans;
    Operand left = Operand.of(m, k, Gemm.strides(m, k, a.stride(transposeA ? 1 : 0), a.stride(transposeA ? 0 : 1)),
        rowMajor);
    Operand right = Operand.of(k, n, Gemm.strides(k, n, b.stride(transposeB ? 1 : 0), b.stride(transposeB ? 0 : 1)),
        rowMajor);
    if (product == null || left == null || right == null || !fitInt(a, b, c)) {
      return false;
    }
    try (DoublePointer pa = new DoublePointer(a.data().addressPointer());
        DoublePointer pb = new DoublePointer(b.data().addressPointer());
        DoublePointer pc = new DoublePointer(c.data().addressPointer())) {
      int order = rowMajor ? CblasRowMajor : CblasColMajor;
      // dgemv's sizes are those of the matrix as stored: op(B) [k, n] is stored [n, k] when transposed
      if (m == 1) {   // cᵀ = op(B)ᵀ aᵀ: the row of op(A) times op(B)
        boolean stored = right.transpose() == CblasNoTrans;
        cblas_dgemv(order, flip(right.transpose()), (int) (stored ? k : n), (int) (stored ? n : k), alpha, pb,
            (int) right.leading(), pa, increment(a.stride(transposeA ? 0 : 1)), beta, pc, increment(c.stride(1)));
      } else if (n == 1) {   // c = op(A) b: op(A) times the column of op(B)
        boolean stored = left.transpose() == CblasNoTrans;
        cblas_dgemv(order, left.transpose(), (int) (stored ? m : k), (int) (stored ? k : m), alpha, pa,
            (int) left.leading(), pb, increment(b.stride(transposeB ? 1 : 0)), beta, pc, increment(c.stride(0)));
      } else {
        cblas_dgemm(order, left.transpose(), right.transpose(), (int) m, (int) n, (int) k, alpha, pa,
            (int) left.leading(), pb, (int) right.leading(), beta, pc, (int) product.leading());
      }
    } finally {
      Reference.reachabilityFence(a);
      Reference.reachabilityFence(b);
      Reference.reachabilityFence(c);
    }
    return true;
  }

  /** Whether every size and stride fits BLAS's 32-bit integers. */
  private static boolean fitInt(INDArray... arrays) {
    for (INDArray x : arrays) {
      for (int axis = 0; axis < 2; axis++) {
        if (x.size(axis) > Integer.MAX_VALUE || x.stride(axis) > Integer.MAX_VALUE) {
          return false;
        }
      }
    }
    return true;
  }

  /** A vector's element stride as BLAS takes it (any positive one for a vector of one element). */
  private static int increment(long stride) {
    return (int) Math.max(1, stride);
  }

  private static int flip(int transpose) {
    return transpose == CblasNoTrans ? CblasTrans : CblasNoTrans;
  }
}
