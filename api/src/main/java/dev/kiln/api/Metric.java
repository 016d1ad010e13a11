package dev.kiln.api;

/**
 * Scores an input, such as {@link Predictions} (truth first, then prediction), and says how.
 *
 * @param <I> what the metric scores; its provider names it in {@link MetricProvider#inputType()}
 */
public interface Metric<I> {
  /** The score and its details (per-class values, settings, counts). */
  Score score(I input);
}
