package dev.kiln.autograd;

import dev.kiln.api.KilnException;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * NumPy broadcasting for binary ops: the shapes are aligned on their last dimensions and each pair of sizes
 * must be equal or contain a 1. In the backward pass a gradient of the broadcast shape is summed over the
 * dimensions an input was stretched along ({@link #reduceTo}), since each input element fed every output
 * element it was copied to: {@code ∂L/∂aⱼ = Σ_{i ↦ j} ∂L/∂outᵢ}.
 *
 * <p>Reference: NumPy manual, "Broadcasting"; PyTorch's {@code sum_to} in {@code torch/csrc/autograd}.
 */
public final class Broadcast {
  private Broadcast() {}

  /** Checks that {@code a} and {@code b} broadcast and share a type; fails naming both shapes and the op. */
  public static void check(String op, Tensor a, Tensor b) {
    if (a.dataType() != b.dataType()) {
      throw new KilnException(op + ": operands differ in type, " + a.dataType() + " " + Arrays.toString(a.shape())
          + " and " + b.dataType() + " " + Arrays.toString(b.shape()) + "; cast one to the other's type");
    }
    long[] x = a.shape();
    long[] y = b.shape();
    int rank = Math.max(x.length, y.length);
    for (int i = 1; i <= rank; i++) {
      long p = i <= x.length ? x[x.length - i] : 1;
      long q = i <= y.length ? y[y.length - i] : 1;
      if (p != q && p != 1 && q != 1) {
        throw new KilnException(op + ": shapes " + Arrays.toString(x) + " and " + Arrays.toString(y)
            + " do not broadcast (dimension " + (rank - i) + ": " + p + " vs " + q + "); sizes must be "
            + "equal or 1");
      }
    }
  }

  /** {@code gradient} (of a broadcast shape) summed down to {@code shape}; itself when the shapes agree. */
  public static INDArray reduceTo(INDArray gradient, long[] shape) {
    long[] from = gradient.shape();
    if (Arrays.equals(from, shape)) {
      return gradient;
    }
    int lead = from.length - shape.length;
    int[] axes = IntStream.range(0, from.length)
        .filter(i -> i < lead || shape[i - lead] == 1 && from[i] != 1).toArray();
    INDArray summed = axes.length == 0 ? gradient : gradient.sum(true, axes);
    return summed.reshape(shape);
  }
}
