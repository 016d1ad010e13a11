package dev.kiln.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which plugin made a component and how: its kind, name and version, and the validated options. The
 * {@link Registry} records it for every component it creates, so a model can be saved and rebuilt.
 */
public record Origin(Kind kind, String name, String version, Map<String, Object> options) {
  /** Copies {@code options} into an unmodifiable map that keeps their schema order. */
  public Origin {
    options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
  }
}
