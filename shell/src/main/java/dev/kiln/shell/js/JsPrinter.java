package dev.kiln.shell.js;

import java.util.ArrayList;
import java.util.List;
import org.graalvm.polyglot.Value;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How the REPL and {@code kiln -e} show a result: Kiln objects by their own summary (tensors with shape,
 * dtype and a preview), arrays and objects as JavaScript literals cut at a few levels and elements, strings
 * quoted, and {@code undefined} as nothing.
 */
public final class JsPrinter {
  private static final int MAX_ELEMENTS = 20;
  private static final int MAX_DEPTH = 3;

  private JsPrinter() {}

  /** The text to print for a top-level result, or {@code null} to print nothing. */
  public static String show(Value value) {
    if (value.isNull() && "undefined".equals(value.toString())) {
      return null;
    }
    return format(value, 0);
  }

  static String format(Value value, int depth) {
    if (value.isNull()) {
      return value.toString();
    }
    if (value.hasMember("__repr__") && !value.isHostObject()) {
      return value.getMember("__repr__").execute().asString();
    }
    if (value.isString()) {
      return quote(value.asString());
    }
    if (value.isBoolean() || value.isNumber()) {
      return value.toString();
    }
    if (value.isHostObject()) {
      Object host = value.asHostObject();
      return host instanceof INDArray tensor ? Tensors.summary(tensor) : String.valueOf(host);
    }
    if (value.canExecute()) {
      return "[function]";
    }
    if (value.hasArrayElements()) {
      if (depth >= MAX_DEPTH) {
        return "[…]";
      }
      List<String> parts = new ArrayList<>();
      long size = value.getArraySize();
      for (long i = 0; i < Math.min(size, MAX_ELEMENTS); i++) {
        parts.add(format(value.getArrayElement(i), depth + 1));
      }
      if (size > MAX_ELEMENTS) {
        parts.add("… " + (size - MAX_ELEMENTS) + " more");
      }
      return "[" + String.join(", ", parts) + "]";
    }
    if (value.hasMembers()) {
      if (depth >= MAX_DEPTH) {
        return "{…}";
      }
      List<String> parts = new ArrayList<>();
      for (String key : value.getMemberKeys()) {
        if (parts.size() == MAX_ELEMENTS) {
          parts.add("…");
          break;
        }
        parts.add(key + ": " + format(value.getMember(key), depth + 1));
      }
      return "{" + String.join(", ", parts) + "}";
    }
    return value.toString();
  }

  private static String quote(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'";
  }
}
