package dev.kiln.api.data;

import dev.kiln.api.KilnException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Plain Java values as scripts and JSON pass them (nested {@link List}s of numbers, {@code double[]},
 * {@code int[]}) turned into tensors and back. Ragged or non-numeric input fails with the position of the
 * first bad element, such as {@code "x[1] should be an array of 2 elements"}.
 */
public final class NestedArrays {
  private NestedArrays() {}

  /** A float64 tensor from a tensor (returned as is), a primitive array or nested lists of numbers. */
  public static INDArray toTensor(Object value, String what) {
    if (value instanceof INDArray array) {
      return array;
    }
    if (value instanceof double[] array) {
      return Nd4j.createFromArray(array.clone());
    }
    if (value instanceof int[] array) {
      return Nd4j.createFromArray(Arrays.stream(array).asDoubleStream().toArray());
    }
    if (!(value instanceof List<?>)) {
      throw new KilnException(what + " must be a tensor or an array of numbers, got " + show(value));
    }
    List<Long> shape = new ArrayList<>();
    for (Object level = value; level instanceof List<?> list; level = list.isEmpty() ? null : list.get(0)) {
      shape.add((long) list.size());
    }
    long[] dims = shape.stream().mapToLong(Long::longValue).toArray();
    double[] data = new double[(int) Arrays.stream(dims).reduce(1, (a, b) -> a * b)];
    fill(value, dims, 0, data, new int[] {0}, what);
    return Nd4j.create(data, dims, DataType.DOUBLE);
  }

  private static void fill(Object value, long[] dims, int depth, double[] data, int[] next, String path) {
    if (depth == dims.length) {
      if (!(value instanceof Number number)) {
        throw new KilnException(path + " is " + show(value) + ", not a number");
      }
      data[next[0]++] = number.doubleValue();
      return;
    }
    if (!(value instanceof List<?> list) || list.size() != dims[depth]) {
      throw new KilnException(path + " should be an array of " + dims[depth] + " elements (ragged arrays "
          + "cannot form a tensor), got " + show(value));
    }
    for (int i = 0; i < list.size(); i++) {
      fill(list.get(i), dims, depth + 1, data, next, path + "[" + i + "]");
    }
  }

  /** A list of strings, such as hypotheses; fails naming the first element that is not a string. */
  public static List<String> toStrings(Object value, String what) {
    if (!(value instanceof List<?> list)) {
      throw new KilnException(what + " must be an array of strings, got " + show(value));
    }
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof String)) {
        throw new KilnException(what + "[" + i + "] is " + show(list.get(i)) + ", not a string");
      }
    }
    return list.stream().map(String.class::cast).toList();
  }

  /** A tensor as nested lists of doubles (a scalar as a Double), in row-major order. */
  public static Object toNested(INDArray tensor) {
    if (tensor.rank() == 0) {
      return tensor.getDouble(0);
    }
    double[] values = tensor.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    return nested(values, tensor.shape(), 0, 0);
  }

  private static Object nested(double[] data, long[] shape, int depth, int offset) {
    if (depth == shape.length - 1) {
      return Arrays.stream(data, offset, offset + (int) shape[depth]).boxed().toList();
    }
    int stride = 1;
    for (int d = depth + 1; d < shape.length; d++) {
      stride *= (int) shape[d];
    }
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < shape[depth]; i++) {
      out.add(nested(data, shape, depth + 1, offset + i * stride));
    }
    return out;
  }

  /** A value as an error message shows it: text quoted, numbers and lists as they are, other objects by kind. */
  private static String show(Object value) {
    if (value instanceof String s) {
      return "'" + s + "'";
    }
    if (value != null && value.getClass().isArray()) {
      return "an array of " + value.getClass().getComponentType().getSimpleName();
    }
    boolean plain = value == null || value instanceof Number || value instanceof Boolean || value instanceof List<?>;
    return plain ? String.valueOf(value) : "a " + value.getClass().getSimpleName();
  }
}
