package dev.kiln.metrics;

import dev.kiln.api.Metric;
import dev.kiln.api.MetricProvider;
import dev.kiln.api.Params;
import dev.kiln.api.Schema;
import dev.kiln.api.metric.Rankings;
import java.util.function.Function;

/** What the ranking metric plugins share: the options ({@code k}), the input type and its conversion. */
abstract class RankingPlugin implements MetricProvider {
  private final Function<RankingOptions, Metric<Rankings>> factory;

  RankingPlugin(Function<RankingOptions, Metric<Rankings>> factory) {
    this.factory = factory;
  }

  @Override
  public final Schema schema() {
    return RankingOptions.SCHEMA;
  }

  @Override
  public final Metric<?> create(Params params) {
    return factory.apply(RankingOptions.from(params));
  }

  @Override
  public final Class<?> inputType() {
    return Rankings.class;
  }

  @Override
  public final Object input(Object relevance, Object scores) {
    return Rankings.from(relevance, scores);
  }
}
