package dev.kiln.api;

import java.util.Locale;

/** The four kinds of plugin, each with the service interface its providers implement. */
public enum Kind {
  /** Models and scalers fitted on data, such as {@code "kmeans"} or {@code "mlp"}, made by {@link ModelProvider}s. */
  MODEL(ModelProvider.class),
  /** Gradient optimizers such as {@code "sgd"} or {@code "adam"}, made by {@link OptimizerProvider}s. */
  OPTIMIZER(OptimizerProvider.class),
  /** Metrics such as {@code "accuracy"}, {@code "ndcg"} or {@code "bleu"}, made by {@link MetricProvider}s. */
  METRIC(MetricProvider.class),
  /** Language-model decoding strategies such as {@code "greedy"}, made by {@link DecoderProvider}s. */
  DECODER(DecoderProvider.class);

  private final Class<? extends Provider<?>> service;

  Kind(Class<? extends Provider<?>> service) {
    this.service = service;
  }

  /** The {@link java.util.ServiceLoader} service interface of this kind. */
  public Class<? extends Provider<?>> service() {
    return service;
  }

  /** The lower-case word used in messages and tables: "model", "optimizer", "metric", "decoder". */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
