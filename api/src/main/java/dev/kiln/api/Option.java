package dev.kiln.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One typed, documented option of a plugin: its name, type, default, allowed range and doc line.
 *
 * <p>Options are immutable; the builder-style methods ({@link #min}, {@link #positive}, ...) return copies.
 * {@link #convert} turns a loosely typed value (a JS number, a string from the command line) into the
 * option's type, and {@link #check} validates a typed value: both throw a one-line {@link KilnException}.
 * Plugins keep their options as {@code static final} constants and read them from {@link Params}:
 *
 * <pre>{@code
 * static final Option<Double> LR = Option.real("lr", 0.01, "learning rate").positive();
 * double lr = params.get(LR);
 * }</pre>
 *
 * @param <T> {@code Double}, {@code Integer}, {@code Boolean}, {@code String} or {@code List<Integer>}
 */
public final class Option<T> {
  /** The value types an option can hold. */
  public enum Type {
    /** A real number, held as a {@code Double}; any {@link Number} converts to it. */
    REAL("number"),
    /** A whole number, held as an {@code Integer}; a value with a fraction or beyond {@code int} is refused. */
    INTEGER("integer"),
    /** {@code true} or {@code false}, held as a {@code Boolean}. */
    FLAG("boolean"),
    /** Free text, held as a {@code String}. */
    TEXT("string"),
    /** One word of {@link Option#choices()}, held as a {@code String}. */
    CHOICE("one of"),
    /** Whole numbers, such as hidden layer sizes, held as an unmodifiable {@code List<Integer>}. */
    INTEGERS("list of integers");

    private final String label;

    Type(String label) {
      this.label = label;
    }
  }

  private final String name;
  private final Type type;
  private final T defaultValue;
  private final String doc;
  private final double min;
  private final boolean minExclusive;
  private final double max;
  private final boolean maxExclusive;
  private final List<String> choices;

  private Option(String name, Type type, T defaultValue, String doc, double min, boolean minExclusive,
      double max, boolean maxExclusive, List<String> choices) {
    if (!name.matches("[a-z][a-zA-Z0-9]*")) {
      throw new IllegalArgumentException("option names are lowerCamelCase: " + name);
    }
    this.name = name;
    this.type = type;
    this.defaultValue = defaultValue;
    this.doc = Objects.requireNonNull(doc, "doc");
    this.min = min;
    this.minExclusive = minExclusive;
    this.max = max;
    this.maxExclusive = maxExclusive;
    this.choices = List.copyOf(choices);
  }

  /** A real-valued option. */
  public static Option<Double> real(String name, double defaultValue, String doc) {
    return new Option<>(name, Type.REAL, defaultValue, doc, Double.NEGATIVE_INFINITY, false,
        Double.POSITIVE_INFINITY, false, List.of());
  }

  /** An integer option. */
  public static Option<Integer> integer(String name, int defaultValue, String doc) {
    return new Option<>(name, Type.INTEGER, defaultValue, doc, Integer.MIN_VALUE, false, Integer.MAX_VALUE,
        false, List.of());
  }

  /** An integer option the user must set: it has no default. */
  public static Option<Integer> requiredInteger(String name, String doc) {
    return new Option<>(name, Type.INTEGER, null, doc, Integer.MIN_VALUE, false, Integer.MAX_VALUE, false,
        List.of());
  }

  /** A boolean option. */
  public static Option<Boolean> flag(String name, boolean defaultValue, String doc) {
    return new Option<>(name, Type.FLAG, defaultValue, doc, 0, false, 0, false, List.of());
  }

  /** A free-text option. */
  public static Option<String> text(String name, String defaultValue, String doc) {
    return new Option<>(name, Type.TEXT, defaultValue, doc, 0, false, 0, false, List.of());
  }

  /** One of a fixed set of words; a {@code null} default makes the choice required. */
  public static Option<String> choice(String name, String defaultValue, String doc, String... choices) {
    if (defaultValue != null && !List.of(choices).contains(defaultValue)) {
      throw new IllegalArgumentException("default " + defaultValue + " is not among the choices");
    }
    return new Option<>(name, Type.CHOICE, defaultValue, doc, 0, false, 0, false, List.of(choices));
  }

  /** A list of integers, such as hidden layer sizes. */
  public static Option<List<Integer>> integers(String name, List<Integer> defaultValue, String doc) {
    return new Option<>(name, Type.INTEGERS, List.copyOf(defaultValue), doc, Integer.MIN_VALUE, false,
        Integer.MAX_VALUE, false, List.of());
  }

  /** A copy that accepts values {@code >= min} (each element, for lists). */
  public Option<T> min(double min) {
    return new Option<>(name, type, defaultValue, doc, min, false, max, maxExclusive, choices);
  }

  /** A copy that accepts values {@code > 0}. */
  public Option<T> positive() {
    return new Option<>(name, type, defaultValue, doc, 0, true, max, maxExclusive, choices);
  }

  /** A copy that accepts values {@code <= max}. */
  public Option<T> max(double max) {
    return new Option<>(name, type, defaultValue, doc, min, minExclusive, max, false, choices);
  }

  /** A copy that accepts values {@code < max}. */
  public Option<T> below(double max) {
    return new Option<>(name, type, defaultValue, doc, min, minExclusive, max, true, choices);
  }

  /** The lowerCamelCase name that scripts and option maps use, such as {@code "lr"}. */
  public String name() {
    return name;
  }

  /** The type of value the option holds, which decides what {@link #convert} accepts. */
  public Type type() {
    return type;
  }

  /** The default, or {@code null} for a required option. */
  public T defaultValue() {
    return defaultValue;
  }

  /** Whether the user must set the option: {@code true} exactly when it has no default. */
  public boolean required() {
    return defaultValue == null;
  }

  /** The one-line description that help tables show, such as {@code "learning rate"}. */
  public String doc() {
    return doc;
  }

  /** The allowed words of a {@link Type#CHOICE} option, in declaration order; empty for other types. */
  public List<String> choices() {
    return choices;
  }

  /**
   * Converts a loosely typed value (any {@link Number}, a {@link Boolean}, a {@link CharSequence}, a
   * {@link List} or an {@code int[]}) to this option's type and checks it.
   */
  @SuppressWarnings("unchecked")
  public T convert(Object raw) {
    Object value = switch (type) {
      case REAL -> toReal(raw);
      case INTEGER -> toInteger(raw);
      case FLAG -> {
        if (!(raw instanceof Boolean)) {
          throw wrongType(raw);
        }
        yield raw;
      }
      case TEXT, CHOICE -> {
        if (!(raw instanceof CharSequence)) {
          throw wrongType(raw);
        }
        yield raw.toString();
      }
      case INTEGERS -> toIntegers(raw);
    };
    return check((T) value);
  }

  /** Checks a typed value against the range or the choices; returns it. */
  public T check(T value) {
    if (value == null) {
      throw new KilnException("option '" + name + "' is required: " + doc);
    }
    if (value instanceof Number number) {
      checkRange(number.doubleValue(), String.valueOf(value));
    } else if (value instanceof List<?> list) {
      for (Object element : list) {
        checkRange(((Number) element).doubleValue(), String.valueOf(list));
      }
    } else if (type == Type.CHOICE && !choices.contains(value)) {
      throw new KilnException("option '" + name + "' = '" + value + "' is not valid: use one of "
          + String.join(", ", choices) + Names.suggestion(value.toString(), choices));
    }
    return value;
  }

  private void checkRange(double v, String shown) {
    if (!Double.isFinite(v)) {
      throw new KilnException("option '" + name + "' = " + shown + " is not a finite number: give a finite number"
          + (range().isEmpty() ? "" : " " + range()));
    }
    boolean below = minExclusive ? !(v > min) : !(v >= min);
    boolean above = maxExclusive ? !(v < max) : !(v <= max);
    if (below || above) {
      throw new KilnException("option '" + name + "' = " + shown + " is out of range: must be " + range());
    }
  }

  /** The allowed range in words, such as {@code "> 0"} or {@code "in [0, 1]"}; empty when unbounded. */
  public String range() {
    boolean hasMin = min > Double.NEGATIVE_INFINITY && min > Integer.MIN_VALUE;
    boolean hasMax = max < Double.POSITIVE_INFINITY && max < Integer.MAX_VALUE;
    if (type == Type.CHOICE) {
      return String.join(" | ", choices);
    }
    if (type == Type.FLAG || type == Type.TEXT) {
      return "";
    }
    if (hasMin && hasMax) {
      return "in " + (minExclusive ? "(" : "[") + number(min) + ", " + number(max) + (maxExclusive ? ")" : "]");
    }
    if (hasMin) {
      return (minExclusive ? "> " : ">= ") + number(min);
    }
    return hasMax ? (maxExclusive ? "< " : "<= ") + number(max) : "";
  }

  /** One line for help tables: name, type, range, default and doc. */
  public String describe() {
    return Schema.table(List.of(this));
  }

  /** The cells of this option's help-table line: name, type and range, default, doc. */
  List<String> cells() {
    String shownType = type == Type.CHOICE ? "" : type.label;
    String shownRange = range().isEmpty() ? "" : " " + range();
    return List.of(name, (shownType + shownRange).trim(), required() ? "required" : "default " + defaultValue,
        doc);
  }

  private Double toReal(Object raw) {
    if (!(raw instanceof Number number)) {
      throw wrongType(raw);
    }
    return number.doubleValue();
  }

  private Integer toInteger(Object raw) {
    if (!(raw instanceof Number number)) {
      throw wrongType(raw);
    }
    double v = number.doubleValue();
    if (!Double.isFinite(v)) {
      checkRange(v, String.valueOf(raw));
    }
    if (v != Math.rint(v)) {
      throw wrongType(raw);
    }
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw new KilnException("option '" + name + "' = " + raw + " is beyond the integers an option holds, "
          + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE);
    }
    return number.intValue();
  }

  private List<Integer> toIntegers(Object raw) {
    List<Integer> out = new ArrayList<>();
    if (raw instanceof int[] array) {
      for (int v : array) {
        out.add(v);
      }
    } else if (raw instanceof List<?> list) {
      for (Object element : list) {
        out.add(toInteger(element));
      }
    } else {
      throw wrongType(raw);
    }
    return List.copyOf(out);
  }

  private KilnException wrongType(Object raw) {
    String got = raw == null ? "null" : raw instanceof CharSequence ? "'" + raw + "' (a string)"
        : raw + " (" + raw.getClass().getSimpleName().toLowerCase(Locale.ROOT) + ")";
    String expected = type == Type.CHOICE ? "one of " + String.join(", ", choices)
        : (type == Type.INTEGER ? "an " : "a ") + type.label;
    return new KilnException("option '" + name + "' expects " + expected + ", got " + got);
  }

  private static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
  }

  @Override
  public String toString() {
    return name;
  }
}
