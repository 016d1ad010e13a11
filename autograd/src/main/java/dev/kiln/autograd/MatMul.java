package dev.kiln.autograd;

import dev.kiln.api.KilnException;
import dev.kiln.kernels.Gemm;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The matrix product {@code out = a·b} over the last two axes, and its derivatives
 * <pre>
 *   ∂a = g·bᵀ,   ∂b = aᵀ·g
 * </pre>
 * Three cases, each a GEMM (BLAS level 3) per term: two matrices; a batch {@code [..., n, k]} times one
 * matrix {@code [k, m]} (the leading axes folded into the rows, so a layer applied to every step of a
 * sequence is one GEMM, and {@code ∂b} sums over the batch inside it); and two batches with the same leading
 * axes (ND4J's batched {@code matmul}). Parameter gradients are written by GEMM straight into the
 * parameter's buffer ({@link Tensor#accumulateGradProduct}).
 *
 * <p>Reference: Giles, "An extended collection of matrix derivative results for forward and reverse mode
 * algorithmic differentiation", Oxford NA report 08/01, 2008, §2.2.
 */
public final class MatMul {
  private MatMul() {}

  public static Tensor matmul(Tensor a, Tensor b) {
    long[] x = a.shape();
    long[] y = b.shape();
    if (x.length < 2 || y.length < 2 || x[x.length - 1] != y[y.length - 2] || a.dataType() != b.dataType()
        || y.length > 2 && !Arrays.equals(Arrays.copyOf(x, x.length - 2), Arrays.copyOf(y, y.length - 2))) {
      throw new KilnException("matmul: cannot multiply " + a.dataType() + " " + Arrays.toString(x) + " by "
          + b.dataType() + " " + Arrays.toString(y) + "; need [..., n, k] times [k, m] or [..., k, m] with the "
          + "same leading axes and type");
    }
    if (y.length == 2) {
      return x.length == 2 ? matrices(a, b) : folded(a, b);
    }
    return batched(a, b);
  }

  private static Tensor matrices(Tensor a, Tensor b) {
    return Tensor.result("matmul", Gemm.gemm(a.value(), b.value(), false, false), g -> {
      if (a.requiresGrad()) {
        a.accumulateGradProduct(g, false, b.value(), true);
      }
      if (b.requiresGrad()) {
        b.accumulateGradProduct(a.value(), true, g, false);
      }
    }, a, b);
  }

  private static Tensor folded(Tensor a, Tensor b) {
    long[] x = a.shape();
    long k = x[x.length - 1];
    long m = b.size(1);
    INDArray rows = a.value().reshape(a.value().length() / k, k);
    long[] outShape = x.clone();
    outShape[x.length - 1] = m;
    INDArray out = Gemm.gemm(rows, b.value(), false, false).reshape(outShape);
    return Tensor.result("matmul", out, g -> {
      INDArray gRows = g.reshape(rows.rows(), m);
      if (a.requiresGrad()) {
        a.accumulateGrad(Gemm.gemm(gRows, b.value(), false, true).reshape(x));
      }
      if (b.requiresGrad()) {
        b.accumulateGradProduct(rows, true, gRows, false);
      }
    }, a, b);
  }

  private static Tensor batched(Tensor a, Tensor b) {
    return Tensor.result("matmul", Nd4j.matmul(a.value(), b.value()), g -> {
      if (a.requiresGrad()) {
        a.accumulateGrad(Nd4j.matmul(g, b.value(), null, false, true, false));
      }
      if (b.requiresGrad()) {
        b.accumulateGrad(Nd4j.matmul(a.value(), g, null, true, false, false));
      }
    }, a, b);
  }
}
