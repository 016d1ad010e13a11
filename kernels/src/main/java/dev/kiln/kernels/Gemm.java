package dev.kiln.kernels;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * General matrix products, {@code C := α·op(A)·op(B) + β·C} with {@code op} the identity or the transpose, as
 * BLAS's {@code gemm} and ND4J's {@link Nd4j#gemm} define them.
 *
 * <p>Float32 matrices on the CPU backend run in oneDNN's {@code matmul} primitive, made once per shape,
 * layout and pair of scalars ({@link OneDnnMatmul}); ND4J's {@code matmul} op makes its primitive on every
 * call, which on the small products of a training step costs more than the product: an MLP's
 * {@code [128, 256]·[256, 10]} takes 21 µs there and 4 µs here, its {@code [128, 784]·[784, 256]} 200 µs and
 * 110 µs. A column-major {@code C} is computed as the transposed product into its row-major transpose (oneDNN
 * serves only row-major outputs quickly). Other types, backends and layouts (a matrix without a unit stride,
 * a shape only oneDNN's reference implementation takes) run {@link Nd4j#gemm}. Float64 matrices on the CPU
 * backend run in OpenBLAS's {@code dgemm}, called directly ({@link BlasGemm}).
 *
 * <p>Source: oneDNN developer guide, "Matrix Multiplication"
 * (<a href="https://oneapi-src.github.io/oneDNN/v2.5/dev_guide_matmul.html">v2.5</a>).
 */
public final class Gemm {
  private Gemm() {}

  /** {@code op(a)·op(b)} in a new C-ordered array. */
  public static INDArray gemm(INDArray a, INDArray b, boolean transposeA, boolean transposeB) {
    DataType type = a.dataType();
    if (type != DataType.FLOAT && type != DataType.DOUBLE || b.dataType() != type || a.rank() != 2
        || b.rank() != 2) {
      return Nd4j.gemm(a, b, transposeA, transposeB);
    }
    INDArray c = Nd4j.createUninitialized(type, a.size(transposeA ? 1 : 0), b.size(transposeB ? 0 : 1));
    return gemm(a, b, c, transposeA, transposeB, 1.0, 0.0);
  }

  /** {@code c := alpha·op(a)·op(b) + beta·c}; returns {@code c}. */
  public static INDArray gemm(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB,
      double alpha, double beta) {
    if (BlasGemm.available(a, b, c) && c != a && c != b && shapesAgree(a, b, c, transposeA, transposeB)
        && BlasGemm.gemm(a, b, c, transposeA, transposeB, alpha, beta)) {
      return c;
    }
    OneDnn dnn = OneDnn.get();
    if (dnn == null || !matrices(a, b, c) || c == a || c == b) {
      return Nd4j.gemm(a, b, c, transposeA, transposeB, alpha, beta);
    }
    if (c.stride(0) == 1 && c.stride(1) != 1) {   // column-major C: solve Cᵀ = op(B)ᵀ·op(A)ᵀ, row-major
      gemm(b, a, c.transpose(), !transposeB, !transposeA, alpha, beta);
      return c;
    }
    if (!shapesAgree(a, b, c, transposeA, transposeB)) {
      return Nd4j.gemm(a, b, c, transposeA, transposeB, alpha, beta);   // its error names the shapes
    }
    long m = c.size(0);
    long n = c.size(1);
    long k = a.size(transposeA ? 0 : 1);
    long[] left = strides(m, k, a.stride(transposeA ? 1 : 0), a.stride(transposeA ? 0 : 1));
    long[] right = strides(k, n, b.stride(transposeB ? 1 : 0), b.stride(transposeB ? 0 : 1));
    long[] out = strides(m, n, c.stride(0), c.stride(1));
    OneDnnMatmul.Shape shape = new OneDnnMatmul.Shape(m, k, n, left[0], left[1], right[0], right[1], out[0], out[1],
        (float) alpha, (float) beta);
    if (dnn.cached(shape, s -> OneDnnMatmul.make(dnn, s)) instanceof OneDnnCall call) {   // else declined
      call.run(a, b, c);
      return c;
    }
    return Nd4j.gemm(a, b, c, transposeA, transposeB, alpha, beta);
  }

  /** Whether {@code op(a) [m, k]} times {@code op(b) [k, n]} fits {@code c [m, n]} (ND4J's error names them). */
  private static boolean shapesAgree(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB) {
    long k = a.size(transposeA ? 0 : 1);
    return a.size(transposeA ? 1 : 0) == c.size(0) && b.size(transposeB ? 1 : 0) == k
        && b.size(transposeB ? 0 : 1) == c.size(1);
  }

  /**
   * The strides of a {@code rows × columns} matrix as oneDNN and BLAS take them: an axis of length 1 has no stride of
   * its own (ND4J gives it any), so it gets the one a row-major (or, beside a strided axis, column-major) layout
   * would.
   */
  static long[] strides(long rows, long columns, long rowStride, long columnStride) {
    long row = rows == 1 ? (columnStride == 1 ? columns : 1) : rowStride;
    long column = columns == 1 ? (row == 1 ? rows : 1) : columnStride;
    return new long[] {row, column};
  }

  /** Float32 matrices, each with a unit stride along one axis, as BLAS takes them. */
  private static boolean matrices(INDArray... arrays) {
    for (INDArray x : arrays) {
      if (x.dataType() != DataType.FLOAT || x.rank() != 2 || x.length() == 0
          || x.stride(0) != 1 && x.stride(1) != 1 || x.stride(0) < 1 || x.stride(1) < 1) {
        return false;
      }
    }
    return true;
  }
}
