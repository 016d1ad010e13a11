package dev.kiln.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A metric's result: the headline {@code value} and named details (numbers, strings, lists or nested maps)
 * such as per-class values, supports or the settings that produced it.
 */
public record Score(double value, Map<String, Object> details) {
  /** Copies {@code details} into an unmodifiable map that keeps their order. */
  public Score {
    details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }

  /** A score with no details. */
  public static Score of(double value) {
    return new Score(value, Map.of());
  }
}
