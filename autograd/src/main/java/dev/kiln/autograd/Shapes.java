package dev.kiln.autograd;

import dev.kiln.api.KilnException;
import java.util.Arrays;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Ops that move elements without changing them, and their backward, which moves the gradient back:
 * <pre>
 *   reshape / flatten :  ∂x = reshape(g, shape(x))
 *   permute(p)        :  ∂x = permute(g, p⁻¹)                 (transpose swaps two axes)
 *   concat(axis)      :  ∂xᵢ = the i-th block of g along axis
 *   slice(axis, a, b) :  ∂x = g in positions [a, b) of axis, 0 elsewhere
 *   gather(rows i)    :  ∂x[r] = Σ_{j: iⱼ = r} g[j]           (a scatter-add: repeated rows add up)
 * </pre>
 *
 * <p>Reference: PyTorch 1.13 {@code derivatives.yaml} ({@code view}, {@code permute}, {@code cat},
 * {@code slice}, {@code index_select}/{@code embedding}).
 */
public final class Shapes {
  private Shapes() {}

  /** The same elements in row-major order with a new shape; one size may be −1 (inferred). */
  public static Tensor reshape(Tensor x, long... shape) {
    long[] target = shape.clone();
    long known = LongStream.of(target).filter(s -> s != -1).reduce(1, (p, q) -> p * q);
    long inferred = LongStream.of(target).filter(s -> s == -1).count();
    long length = x.value().length();
    if (inferred == 1 && known > 0 && length % known == 0) {
      for (int i = 0; i < target.length; i++) {
        target[i] = target[i] == -1 ? length / known : target[i];
      }
    }
    if (inferred > 1 || LongStream.of(target).anyMatch(s -> s < 0)
        || LongStream.of(target).reduce(1, (p, q) -> p * q) != length) {
      throw new KilnException("reshape: cannot view " + Arrays.toString(x.shape()) + " (" + length + " elements) as "
          + Arrays.toString(shape) + "; the sizes must multiply to " + length + " (at most one -1)");
    }
    return Tensor.result("reshape", x.value().reshape('c', target),
        g -> x.accumulateGrad(g.reshape('c', x.shape())), x);
  }

  /** Axes {@code [0, startAxis)} kept, the rest flattened into one: {@code [n, c, h, w] → [n, c·h·w]} for 1. */
  public static Tensor flatten(Tensor x, int startAxis) {
    long[] shape = Arrays.copyOf(x.shape(), startAxis + 1);
    shape[startAxis] = -1;
    return reshape(x, shape);
  }

  /** The axes reordered: output axis {@code i} is input axis {@code order[i]}. */
  public static Tensor permute(Tensor x, int... order) {
    int[] axes = Reductions.normalise(x, order);
    if (axes.length != x.rank() || order.length != x.rank()) {
      throw new KilnException("permute: " + Arrays.toString(order) + " is not an order of the " + x.rank()
          + " axes of " + Arrays.toString(x.shape()));
    }
    int[] inverse = new int[order.length];
    for (int i = 0; i < order.length; i++) {
      inverse[Math.floorMod(order[i], order.length)] = i;
    }
    int[] forward = Arrays.stream(order).map(a -> Math.floorMod(a, order.length)).toArray();
    return Tensor.result("permute", x.value().permute(forward), g -> x.accumulateGrad(g.permute(inverse)), x);
  }

  /** Axes {@code first} and {@code second} swapped. */
  public static Tensor transpose(Tensor x, int first, int second) {
    int[] order = IntStream.range(0, x.rank()).toArray();
    int[] swap = Reductions.normalise(x, new int[] {first, second});
    if (swap.length == 2) {
      order[swap[0]] = swap[1];
      order[swap[1]] = swap[0];
    }
    return permute(x, order);
  }

  /** The tensors joined along {@code axis}; all other sizes must agree. */
  public static Tensor concat(int axis, Tensor... parts) {
    int dim = Reductions.normalise(parts[0], new int[] {axis})[0];
    INDArray[] values = new INDArray[parts.length];
    long[] offsets = new long[parts.length + 1];
    for (int i = 0; i < parts.length; i++) {
      long[] shape = parts[i].shape().clone();
      long[] first = parts[0].shape().clone();
      shape[dim] = first[dim] = 0;
      if (!Arrays.equals(shape, first) || parts[i].dataType() != parts[0].dataType()) {
        throw new KilnException("concat along axis " + axis + ": " + Arrays.toString(parts[i].shape())
            + " does not fit " + Arrays.toString(parts[0].shape()) + "; all other sizes and the type must agree");
      }
      values[i] = parts[i].value();
      offsets[i + 1] = offsets[i] + parts[i].size(dim);
    }
    return Tensor.result("concat", Nd4j.concat(dim, values), g -> {
      for (int i = 0; i < parts.length; i++) {
        if (parts[i].requiresGrad()) {
          parts[i].accumulateGrad(g.get(along(g.rank(), dim, offsets[i], offsets[i + 1])));
        }
      }
    }, parts);
  }

  /** Positions {@code [from, to)} of {@code axis}. */
  public static Tensor slice(Tensor x, int axis, long from, long to) {
    int dim = Reductions.normalise(x, new int[] {axis})[0];
    if (from < 0 || to > x.size(dim) || from >= to) {
      throw new KilnException("slice [" + from + ", " + to + ") of axis " + axis + " is out of range for shape "
          + Arrays.toString(x.shape()) + "; need 0 <= from < to <= " + x.size(dim));
    }
    return Tensor.result("slice", x.value().get(along(x.rank(), dim, from, to)).dup(), g -> {
      INDArray full = Nd4j.zeros(x.dataType(), x.shape());
      full.get(along(x.rank(), dim, from, to)).assign(g);
      x.accumulateGrad(full);
    }, x);
  }

  /**
   * The rows {@code x[i]} for each index {@code i} in {@code indices} (an integer-valued array of any shape):
   * the output has shape {@code shape(indices) ++ shape(x)[1:]}. An embedding lookup.
   */
  public static Tensor gather(Tensor x, INDArray indices) {
    long rows = x.size(0);
    double low = indices.length() == 0 ? 0 : indices.minNumber().doubleValue();
    double high = indices.length() == 0 ? 0 : indices.maxNumber().doubleValue();
    if (low < 0 || high >= rows) {
      throw new KilnException("gather: index " + (long) (low < 0 ? low : high) + " is out of range for " + rows
          + " rows; indices must be in [0, " + (rows - 1) + "]");
    }
    INDArray ids = indices.dataType() == DataType.INT ? indices : indices.castTo(DataType.INT);
    INDArray out = Nd4j.exec(DynamicCustomOp.builder("gather").addInputs(x.value(), ids).addIntegerArguments(0)
        .build())[0];
    return Tensor.result("gather", out, g -> {
      INDArray sum = Nd4j.zeros(x.dataType(), x.shape());
      Nd4j.exec(DynamicCustomOp.builder("scatter_add").addInputs(sum, ids, g).addOutputs(sum).build());
      x.accumulateGrad(sum);
    }, x);
  }

  private static INDArrayIndex[] along(int rank, int dim, long from, long to) {
    INDArrayIndex[] where = new INDArrayIndex[rank];
    for (int i = 0; i < rank; i++) {
      where[i] = i == dim ? NDArrayIndex.interval(from, to) : NDArrayIndex.all();
    }
    return where;
  }
}
