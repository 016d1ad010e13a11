package dev.kiln.shell.js;

import dev.kiln.api.KilnException;
import dev.kiln.api.Optimizer;
import dev.kiln.api.data.NestedArrays;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.nd4j.linalg.api.ndarray.INDArray;

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

  /** A tensor from a host tensor or nested JS arrays of numbers (float64), via {@link NestedArrays}. */
  static INDArray tensor(Value value, String what) {
    return NestedArrays.toTensor(value == null ? null : toJava(value), what);
  }

  /** The value of an {@code optimizer} option: {@code null}, or an optimizer made by kiln.optimizer. */
  static Optimizer optimizer(Object value, String what) {
    if (value != null && !(value instanceof Optimizer)) {
      throw new KilnException(what + " option 'optimizer' must come from kiln.optimizer(name, options), got "
          + value);
    }
    return (Optimizer) value;
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
      return toJs(NestedArrays.toNested(array));
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
}
