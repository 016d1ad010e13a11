package dev.kiln.shell.js;

import java.util.Set;

/** Which metric the shell scores with when the user names none, and which way is better. */
final class MetricDefaults {
  /** Metrics where lower is better. */
  private static final Set<String> LOSSES = Set.of("mse", "log-loss", "perplexity");

  private MetricDefaults() {}

  /** {@code chosen}, or accuracy for classifiers and mse for other models when it is empty. */
  static String metric(String chosen, boolean classifier) {
    return !chosen.isEmpty() ? chosen : classifier ? "accuracy" : "mse";
  }

  static boolean higherIsBetter(String metric) {
    return !LOSSES.contains(metric);
  }
}
