package dev.kiln.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Validated option values for one plugin instance: every option of its {@link Schema}, set or defaulted.
 * Immutable. Read values with the plugin's own {@link Option} constants: {@code params.get(LR)}.
 */
public final class Params {
  private final Schema schema;
  private final Map<Option<?>, Object> values;

  Params(Schema schema, Map<Option<?>, Object> values) {
    this.schema = schema;
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** The value of an option of this schema. */
  @SuppressWarnings("unchecked")
  public <T> T get(Option<T> option) {
    if (!schema.contains(option)) {
      throw new IllegalArgumentException("option " + option.name() + " is not part of this schema");
    }
    return (T) values.get(option);
  }

  /** The schema these values were validated against: every option the plugin accepts. */
  public Schema schema() {
    return schema;
  }

  /** Option name to value, in schema order (for provenance, JSON and display). */
  public Map<String, Object> asMap() {
    Map<String, Object> out = new LinkedHashMap<>();
    values.forEach((option, value) -> out.put(option.name(), value));
    return Collections.unmodifiableMap(out);
  }

  @Override
  public String toString() {
    return values.entrySet().stream().map(e -> e.getKey().name() + "=" + e.getValue())
        .collect(Collectors.joining(", ", "{", "}"));
  }
}
