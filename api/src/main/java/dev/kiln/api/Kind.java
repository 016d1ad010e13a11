package dev.kiln.api;

import java.util.Locale;

/** The four kinds of plugin, each with the service interface its providers implement. */
public enum Kind {
  MODEL(ModelProvider.class),
  OPTIMIZER(OptimizerProvider.class),
  METRIC(MetricProvider.class),
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
