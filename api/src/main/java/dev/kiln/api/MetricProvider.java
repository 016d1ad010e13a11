package dev.kiln.api;

/**
 * A plugin that creates {@link Metric}s; registered in {@code META-INF/services/dev.kiln.api.MetricProvider}.
 * {@link #inputType()} says what the metric scores, so that callers (and the shell's converters) know how
 * to build its input.
 */
public interface MetricProvider extends Provider<Metric<?>> {
  /** The type of input the created metrics score, such as {@link Predictions}. */
  Class<?> inputType();
}
