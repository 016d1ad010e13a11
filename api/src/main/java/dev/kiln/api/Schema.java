package dev.kiln.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The options a plugin accepts. {@link #parse} validates a loose map of values (from JavaScript, JSON or
 * Java) into {@link Params}: unknown names are rejected with a "did you mean" suggestion and the list of
 * valid names, values are converted to each option's type and checked against its range, and omitted
 * options take their defaults.
 */
public final class Schema {
  /** The widest the name, type and default columns of a help table grow. */
  private static final int[] WIDEST = {16, 24, 18};
  private final Map<String, Option<?>> options;

  private Schema(Map<String, Option<?>> options) {
    this.options = Collections.unmodifiableMap(options);
  }

  /** A schema of the given options, in the order help shows them. */
  public static Schema of(Option<?>... options) {
    Map<String, Option<?>> byName = new LinkedHashMap<>();
    for (Option<?> option : options) {
      if (byName.put(option.name(), option) != null) {
        throw new IllegalArgumentException("duplicate option " + option.name());
      }
    }
    return new Schema(byName);
  }

  /** A schema with no options. */
  public static Schema empty() {
    return new Schema(Map.of());
  }

  /** Every option, in the order help shows them (an unmodifiable list). */
  public List<Option<?>> options() {
    return List.copyOf(options.values());
  }

  /** Validates {@code raw} (option name to value) and fills in defaults. */
  public Params parse(Map<String, ?> raw) {
    return parse(raw, List.of());
  }

  /**
   * As {@link #parse(Map)}, where {@code raw} may also hold the options named {@code handledElsewhere}, which
   * the caller reads itself (values no {@link Option} type holds, such as an optimizer): they are left out of
   * the result but listed among the valid options when a name is unknown.
   */
  public Params parse(Map<String, ?> raw, List<String> handledElsewhere) {
    if (raw == null) {
      throw new KilnException("options are null: pass a map of option names to values, Map.of() for none");
    }
    List<String> valid = new ArrayList<>(options.keySet());
    valid.addAll(handledElsewhere);
    for (String key : raw.keySet()) {
      if (!valid.contains(key)) {
        throw new KilnException("unknown option '" + key + "'" + Names.suggestion(key, valid)
            + (valid.isEmpty() ? ": this plugin takes no options" : "; valid options: " + String.join(", ", valid)));
      }
    }
    Map<Option<?>, Object> values = new LinkedHashMap<>();
    for (Option<?> option : options.values()) {
      Object given = raw.get(option.name());
      Object value = given != null ? option.convert(given) : option.defaultValue();
      if (value == null) {
        throw new KilnException("option '" + option.name() + "' is required (" + option.doc() + "): pass {"
            + option.name() + ": ...}");
      }
      values.put(option, value);
    }
    return new Params(this, values);
  }

  /** Every option at its default (fails when an option is required). */
  public Params defaults() {
    return parse(Map.of());
  }

  boolean contains(Option<?> option) {
    return options.get(option.name()) == option;
  }

  /** A help table, one option a line; "(no options)" for an empty schema. */
  public String describe() {
    if (options.isEmpty()) {
      return "  (no options)";
    }
    return table(options()).lines().map(line -> "  " + line).collect(Collectors.joining("\n"));
  }

  /**
   * {@code options}' help lines: each column as wide as its widest cell up to {@link #WIDEST} (a wider cell runs
   * on past it), two spaces between columns.
   */
  static String table(List<Option<?>> options) {
    List<List<String>> rows = options.stream().map(Option::cells).toList();
    int[] widths = new int[WIDEST.length];
    rows.forEach(row -> Arrays.setAll(widths, c -> Math.max(widths[c], Math.min(WIDEST[c], row.get(c).length()))));
    return rows.stream().map(row -> String.format(Locale.ROOT, "%-" + widths[0] + "s  %-" + widths[1] + "s  %-"
        + widths[2] + "s  %s", row.toArray())).collect(Collectors.joining("\n"));
  }
}
