package dev.kiln.autograd;

import dev.kiln.api.KilnException;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Sums, means and maxima over all elements or over some axes (negative axes count from the end), with
 * {@code keepDims} keeping the reduced axes as size 1. With upstream gradient {@code g} expanded back over the
 * reduced axes ({@code ⇑g}):
 * <pre>
 *   sum  :  ∂x = ⇑g
 *   mean :  ∂x = ⇑g / m                 (m elements per reduced group)
 *   max  :  ∂x = ⇑g · [x = max] / k     (k elements equal to the max: ties share, as torch.amax)
 * </pre>
 *
 * <p>Reference: PyTorch 1.13 {@code derivatives.yaml} ({@code sum}, {@code mean}, {@code amax}).
 */
public final class Reductions {
  private Reductions() {}

  /** The sum of all elements, a scalar (rank 0). */
  public static Tensor sum(Tensor x) {
    return sum(x, false, all(x));
  }

  /** The sum over {@code axes}. */
  public static Tensor sum(Tensor x, boolean keepDims, int... axes) {
    int[] dims = normalise(x, axes);
    INDArray out = x.value().sum(keepDims, dims);
    return Tensor.result("sum", out, g -> x.accumulateGrad(expand(g, x, dims)), x);
  }

  /** The mean of all elements, a scalar (rank 0). */
  public static Tensor mean(Tensor x) {
    return mean(x, false, all(x));
  }

  /** The mean over {@code axes}. */
  public static Tensor mean(Tensor x, boolean keepDims, int... axes) {
    int[] dims = normalise(x, axes);
    long count = Arrays.stream(dims).mapToLong(d -> x.shape()[d]).reduce(1, (p, q) -> p * q);
    INDArray out = x.value().mean(keepDims, dims);
    return Tensor.result("mean", out, g -> x.accumulateGrad(expand(g, x, dims).div(count)), x);
  }

  /** The maximum over {@code axes}; the gradient is shared equally by tied maxima. */
  public static Tensor max(Tensor x, boolean keepDims, int... axes) {
    int[] dims = normalise(x, axes);
    INDArray kept = x.value().max(true, dims);
    INDArray out = keepDims ? kept : kept.reshape(reducedShape(x, dims));
    return Tensor.result("max", out, g -> {
      INDArray mask = x.value().eq(kept).castTo(x.dataType());
      INDArray ties = mask.sum(true, dims);
      x.accumulateGrad(mask.muli(expand(g, x, dims)).divi(ties));
    }, x);
  }

  /**
   * {@code g} (with or without the reduced axes) reshaped to keep them as 1 and broadcast to x's shape; may
   * be {@code g} itself, so callers must not write into it.
   */
  static INDArray expand(INDArray g, Tensor x, int[] dims) {
    return g.reshape(keepShape(x, dims)).broadcast(x.shape());
  }

  private static long[] keepShape(Tensor x, int[] dims) {
    long[] shape = x.shape().clone();
    for (int d : dims) {
      shape[d] = 1;
    }
    return shape;
  }

  private static long[] reducedShape(Tensor x, int[] dims) {
    long[] shape = x.shape();
    return IntStream.range(0, shape.length).filter(i -> Arrays.stream(dims).noneMatch(d -> d == i))
        .mapToLong(i -> shape[i]).toArray();
  }

  private static int[] all(Tensor x) {
    return IntStream.range(0, x.rank()).toArray();
  }

  /** Axes in {@code [0, rank)}, sorted, without duplicates; fails naming the shape on an axis out of range. */
  static int[] normalise(Tensor x, int[] axes) {
    int rank = x.rank();
    int[] out = new int[axes.length];
    for (int i = 0; i < axes.length; i++) {
      int axis = axes[i] < 0 ? axes[i] + rank : axes[i];
      if (axis < 0 || axis >= rank) {
        throw new KilnException("axis " + axes[i] + " is out of range for a tensor of shape "
            + Arrays.toString(x.shape()) + "; use an axis in [" + -rank + ", " + (rank - 1) + "]");
      }
      out[i] = axis;
    }
    return Arrays.stream(out).sorted().distinct().toArray();
  }
}
