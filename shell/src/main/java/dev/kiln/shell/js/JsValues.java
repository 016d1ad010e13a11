package dev.kiln.shell.js;

import dev.kiln.api.KilnException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Conversions between JavaScript values and Java: JS objects to option maps, nested JS arrays to tensors,
 * and Java results (maps, lists, arrays, tensors) to plain JS objects and arrays, so that scripts get
 * native values that {@code JSON.stringify}, destructuring and array methods work on.
 */
final class JsValues {
  private JsValues() {}

  /** A JS object (or undefined/null: empty) as a map of option name to Java value. */
  static Map<String, Object> options(Value value, String what) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (value == null || value.isNull()) {
      return out;
    }
    if (!value.hasMembers() || value.hasArrayElements() || value.isHostObject()) {
      throw new KilnException(what + " must be an object such as {lr: 0.1}, got " + show(value));
    }
    for (String key : value.getMemberKeys()) {
      out.put(key, toJava(value.getMember(key)));
    }
    return out;
  }

  /** A JS value as Java: numbers (Integer when integral and in range, else Double), strings, booleans,
   *  lists, maps, and host objects as themselves. */
  static Object toJava(Value value) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isBoolean()) {
      return value.asBoolean();
    }
    if (value.isNumber()) {
      return value.fitsInInt() ? (Object) value.asInt() : (Object) value.asDouble();
    }
    if (value.isString()) {
      return value.asString();
    }
    if (value.isHostObject()) {
      return value.asHostObject();
    }
    if (value.hasArrayElements()) {
      List<Object> list = new ArrayList<>();
      for (long i = 0; i < value.getArraySize(); i++) {
        list.add(toJava(value.getArrayElement(i)));
      }
      return list;
    }
    if (value.hasMembers()) {
      return options(value, "value");
    }
    throw new KilnException("cannot use " + show(value) + " here: pass numbers, strings, arrays or objects");
  }

  /**
   * A tensor from a host tensor or nested JS arrays of numbers (float64). Ragged or non-numeric arrays
   * fail with the position of the first bad element.
   */
  static INDArray tensor(Value value, String what) {
    if (value != null && value.isHostObject() && value.asHostObject() instanceof INDArray array) {
      return array;
    }
    if (value == null || !value.hasArrayElements()) {
      throw new KilnException(what + " must be a tensor or an array of numbers, got " + show(value));
    }
    List<Long> shape = new ArrayList<>();
    for (Value level = value; level.hasArrayElements(); level = level.getArrayElement(0)) {
      shape.add(level.getArraySize());
      if (level.getArraySize() == 0) {
        break;
      }
    }
    long[] dims = shape.stream().mapToLong(Long::longValue).toArray();
    double[] data = new double[(int) Arrays.stream(dims).reduce(1, (a, b) -> a * b)];
    fill(value, dims, 0, data, new int[] {0}, what, "");
    return Nd4j.create(data, dims, DataType.DOUBLE);
  }

  private static void fill(Value value, long[] dims, int depth, double[] data, int[] next, String what,
      String path) {
    if (depth == dims.length) {
      if (!value.isNumber()) {
        throw new KilnException(what + path + " is " + show(value) + ", not a number");
      }
      data[next[0]++] = value.asDouble();
      return;
    }
    if (!value.hasArrayElements() || value.getArraySize() != dims[depth]) {
      throw new KilnException(what + path + " should be an array of " + dims[depth] + " elements (ragged "
          + "arrays cannot form a tensor), got " + show(value));
    }
    for (int i = 0; i < dims[depth]; i++) {
      fill(value.getArrayElement(i), dims, depth + 1, data, next, what, path + "[" + i + "]");
    }
  }

  /** Integers from a JS array (token ids). */
  static int[] ints(Value value, String what) {
    if (value == null || !value.hasArrayElements()) {
      throw new KilnException(what + " must be an array of integers, got " + show(value));
    }
    int[] out = new int[(int) value.getArraySize()];
    for (int i = 0; i < out.length; i++) {
      Value element = value.getArrayElement(i);
      if (!element.fitsInInt()) {
        throw new KilnException(what + "[" + i + "] is " + show(element) + ", not an integer");
      }
      out[i] = element.asInt();
    }
    return out;
  }

  /** A JS value as it would be written in a script, for error messages. */
  static String show(Value value) {
    if (value == null) {
      return "undefined";
    }
    return value.isString() ? "'" + value.asString() + "'" : value.toString();
  }

  /** A Java value (map, list, array, number, string, boolean, tensor) as a native JS value. */
  static Value toJs(Object value) {
    Context context = Context.getCurrent();
    Value bindings = context.getBindings("js");
    if (value instanceof Map<?, ?> map) {
      Value object = bindings.getMember("Object").newInstance();
      map.forEach((k, v) -> object.putMember(String.valueOf(k), toJs(v)));
      return object;
    }
    if (value instanceof INDArray array) {
      return toJs(nested(array));
    }
    List<?> list = asList(value);
    if (list != null) {
      Value array = bindings.getMember("Array").newInstance(list.size());
      for (int i = 0; i < list.size(); i++) {
        array.setArrayElement(i, toJs(list.get(i)));
      }
      return array;
    }
    return context.asValue(value);
  }

  private static List<?> asList(Object value) {
    if (value instanceof List<?> list) {
      return list;
    }
    if (value instanceof double[] a) {
      return Arrays.stream(a).boxed().toList();
    }
    if (value instanceof int[] a) {
      return Arrays.stream(a).boxed().toList();
    }
    if (value instanceof long[] a) {
      return Arrays.stream(a).boxed().toList();
    }
    if (value instanceof Object[] a) {
      return Arrays.asList(a);
    }
    return null;
  }

  /** A tensor as nested lists of numbers (a scalar as a number). */
  static Object nested(INDArray array) {
    if (array.rank() == 0) {
      return array.getDouble(0);
    }
    INDArray values = array.castTo(DataType.DOUBLE).dup('c');
    return nested(values.data().asDouble(), array.shape(), 0, 0);
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
}
