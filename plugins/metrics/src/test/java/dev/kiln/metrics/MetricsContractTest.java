package dev.kiln.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.Benchmark;
import dev.kiln.api.Kind;
import dev.kiln.api.Metric;
import dev.kiln.api.MetricProvider;
import dev.kiln.testkit.ProviderContract;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * Every metric this module publishes keeps the provider contract and scores the plain values a script passes
 * (lists of numbers and strings, truth first) through its provider's {@code input}, as the shell calls it.
 */
class MetricsContractTest extends ProviderContract {
  /** Per metric: options, truth and prediction as JavaScript hands them over. */
  static final Map<String, List<Object>> PLAIN = Map.ofEntries(
      Map.entry("mse", List.of(Map.of(), List.of(1, 2, 3), List.of(1, 2, 4))),
      Map.entry("accuracy", List.of(Map.of(), List.of(0, 1, 1), List.of(0, 1, 0))),
      Map.entry("precision", List.of(Map.of("average", "macro"), List.of(0, 1, 2, 1), List.of(0, 2, 2, 1))),
      Map.entry("recall", List.of(Map.of("average", "micro"), List.of(0, 1, 2, 1), List.of(0, 2, 2, 1))),
      Map.entry("f1", List.of(Map.of("average", "weighted"), List.of(0, 1, 2, 1), List.of(0, 2, 2, 1))),
      Map.entry("fbeta", List.of(Map.of("beta", 2), List.of(0, 1, 1, 0), List.of(0, 1, 0, 0))),
      Map.entry("confusion-matrix", List.of(Map.of(), List.of(0, 1, 2, 1), List.of(0, 2, 2, 1))),
      Map.entry("roc-curve", List.of(Map.of(), List.of(0, 1, 1, 0), List.of(0.1, 0.8, 0.6, 0.3))),
      Map.entry("roc-auc", List.of(Map.of(), List.of(0, 1, 1, 0), List.of(0.1, 0.8, 0.6, 0.3))),
      Map.entry("average-precision", List.of(Map.of(), List.of(0, 1, 1, 0), List.of(0.1, 0.8, 0.6, 0.3))),
      Map.entry("log-loss", List.of(Map.of(), List.of(0, 1, 1, 0), List.of(0.1, 0.8, 0.6, 0.3))),
      Map.entry("mrr", List.of(Map.of(), List.of(List.of(1, 0, 2), List.of(0, 1)),
          List.of(List.of(0.3, 0.2, 0.1), List.of(0.5, 0.9)))),
      Map.entry("map", List.of(Map.of("k", 2), List.of(List.of(1, 0, 2), List.of(0, 1)),
          List.of(List.of(0.3, 0.2, 0.1), List.of(0.5, 0.9)))),
      Map.entry("ndcg", List.of(Map.of(), List.of(List.of(1, 0, 2), List.of(0, 1)),
          List.of(List.of(0.3, 0.2, 0.1), List.of(0.5, 0.9)))),
      Map.entry("precision-at-k", List.of(Map.of("k", 1), List.of(1, 0, 2), List.of(0.3, 0.2, 0.1))),
      Map.entry("recall-at-k", List.of(Map.of("k", 2), List.of(1, 0, 2), List.of(0.3, 0.2, 0.1))),
      Map.entry("bleu", List.of(Map.of(), List.of(List.of("the cat sat on the mat"), List.of("a cat sat on a mat")),
          List.of("the cat sat on a mat"))),
      Map.entry("rouge", List.of(Map.of("type", "rouge2"), List.of("the cat sat on the mat"), "the cat sat")),
      Map.entry("perplexity", List.of(Map.of(), List.of(1, 0), List.of(List.of(0.5, 1.0), List.of(2.0, -1.0)))));

  MetricsContractTest() {
    super(Kind.METRIC);
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyMetricScoresPlainValuesAsScriptsPassThem() {
    List<MetricProvider> providers = StreamSupport.stream(ServiceLoader.load(MetricProvider.class).spliterator(),
        false).toList();
    assertEquals(new TreeSet<>(PLAIN.keySet()), providers.stream().map(MetricProvider::name)
        .collect(Collectors.toCollection(TreeSet::new)), "every metric has a plain-value case");
    for (MetricProvider provider : providers) {
      List<Object> plain = PLAIN.get(provider.name());
      Metric<Object> metric = (Metric<Object>) provider.create(provider.schema().parse((Map<String, ?>) plain.get(0)));
      Object input = provider.input(plain.get(1), plain.get(2));
      assertTrue(provider.inputType().isInstance(input), provider.name());
      double value = metric.score(input).value();
      assertTrue(Double.isFinite(value), provider.name() + " = " + value);
    }
  }

  @Test
  void theMetricsBenchmarkIsRegistered() {
    assertTrue(StreamSupport.stream(ServiceLoader.load(Benchmark.class).spliterator(), false)
        .anyMatch(b -> b.name().equals("metrics") && b instanceof MetricsBenchmark));
  }
}
