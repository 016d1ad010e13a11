package dev.kiln.metrics;

import dev.kiln.api.Metric;
import dev.kiln.api.MetricProvider;
import dev.kiln.api.Params;
import dev.kiln.api.Predictions;
import dev.kiln.api.Schema;
import java.util.function.Function;

/** What precision, recall and F1 share: their options and their input, {@link Predictions}. */
abstract class ClassificationPlugin implements MetricProvider {
  private final Function<ClassificationOptions, Metric<Predictions>> factory;

  ClassificationPlugin(Function<ClassificationOptions, Metric<Predictions>> factory) {
    this.factory = factory;
  }

  @Override
  public final Schema schema() {
    return ClassificationOptions.SCHEMA;
  }

  @Override
  public final Metric<?> create(Params params) {
    return factory.apply(ClassificationOptions.from(params));
  }

  @Override
  public final Class<?> inputType() {
    return Predictions.class;
  }
}
