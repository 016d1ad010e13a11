package dev.kiln.optim;

import dev.kiln.api.Optimizer;
import dev.kiln.api.OptimizerProvider;
import java.util.Map;
import java.util.ServiceLoader;

/** An optimizer plugin with loose options, as a script would pass them: makes fresh optimizers. */
record Configured(OptimizerProvider provider, Map<String, ?> options) {
  /** The plugin named {@code name} found through {@link ServiceLoader}, with {@code options}. */
  static Configured of(String name, Map<String, ?> options) {
    return new Configured(ServiceLoader.load(OptimizerProvider.class).stream().map(ServiceLoader.Provider::get)
        .filter(p -> p.name().equals(name)).findFirst().orElseThrow(), options);
  }

  /** A fresh optimizer, its options validated by the plugin's schema. */
  Optimizer create() {
    return provider.create(provider.schema().parse(options));
  }

  @Override
  public String toString() {
    return provider.name() + " " + options;
  }
}
