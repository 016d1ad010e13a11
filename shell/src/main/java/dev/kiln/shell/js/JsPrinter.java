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
      return host instanceof INDArray tensor ? Tensors.summary(tensor)
          : host instanceof Throwable error ? error.getClass().getSimpleName() + ": " + error.getMessage()
          : String.valueOf(host);
    }
    String builtIn = builtIn(value, depth);
    if (builtIn != null) {
      return builtIn;
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

  /**
   * JavaScript's own objects that hold their state out of sight of their members, as Node shows them: an
   * error as {@code Error: message}, a date in ISO form, a regular expression as its source, a Map as
   * {@code Map(1) {1 => 2}}; {@code null} for other values.
   */
  private static String builtIn(Value value, int depth) {
    if (value.isDate() && value.isTime() && value.isTimeZone()) {
      return value.invokeMember("toISOString").asString();
    }
    if (value.hasHashEntries()) {
      List<String> parts = new ArrayList<>();
      Value entries = value.getHashEntriesIterator();
      while (entries.hasIteratorNextElement() && parts.size() < MAX_ELEMENTS) {
        Value entry = entries.getIteratorNextElement();
        parts.add(format(entry.getArrayElement(0), depth + 1) + " => " + format(entry.getArrayElement(1), depth + 1));
      }
      return "Map(" + value.getHashSize() + ") {" + String.join(", ", parts) + "}";
    }
    String kind = value.getMetaObject() == null ? "" : value.getMetaObject().getMetaSimpleName();
    if (value.isException() && (kind.endsWith("Error") || value.hasMember("stack"))) {
      return value.toString();                        // an Error, of JavaScript's kinds or a script's subclass
    }
    if (kind.equals("Set") && value.hasIterator()) {
      List<String> parts = new ArrayList<>();
      Value elements = value.getIterator();
      while (elements.hasIteratorNextElement() && parts.size() < MAX_ELEMENTS) {
        parts.add(format(elements.getIteratorNextElement(), depth + 1));
      }
      return "Set(" + value.getMember("size") + ") {" + String.join(", ", parts) + "}";
    }
    if (kind.equals("RegExp") || kind.equals("Date")) {
      return value.toString();                        // an invalid date: "Invalid Date"
    }
    return null;
  }

  private static String quote(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'";
  }
}
