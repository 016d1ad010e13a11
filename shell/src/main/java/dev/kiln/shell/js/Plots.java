package dev.kiln.shell.js;

import dev.kiln.api.KilnException;
import dev.kiln.api.Kind;
import dev.kiln.api.Metric;
import dev.kiln.api.MetricProvider;
import dev.kiln.api.Option;
import dev.kiln.api.Params;
import dev.kiln.api.Registry;
import dev.kiln.api.Schema;
import dev.kiln.api.Score;
import dev.kiln.api.data.NestedArrays;
import dev.kiln.plot.ConfusionChart;
import dev.kiln.plot.HistoryChart;
import dev.kiln.plot.PlotOptions;
import dev.kiln.plot.RocChart;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code kiln.plot}: PNG charts of metric results. The numbers come from the metric plugins through the
 * registry ({@code roc-curve}, {@code confusion-matrix}), the drawing from the plot module.
 */
final class Plots {
  private static final Option<String> TITLE = Option.text("title", "", "the chart's title");
  private static final Option<Integer> WIDTH = Option.integer("width", 640, "width in pixels").min(100).max(8000);
  private static final Option<Integer> HEIGHT = Option.integer("height", 480, "height in pixels").min(100)
      .max(8000);
  private static final Option<Integer> POS_LABEL = Option.integer("posLabel", 1, "the positive class (binary)");
  private static final Option<List<Integer>> LABELS = Option.integers("labels", List.of(),
      "the classes, in order (default: those present)");
  private static final Option<String> NORMALIZE = Option.choice("normalize", "none",
      "divide counts by row (true), column (pred) or total (all)", "none", "true", "pred", "all");
  private static final Schema ROC = Schema.of(POS_LABEL, TITLE, WIDTH, HEIGHT);
  private static final Schema CONFUSION = Schema.of(LABELS, NORMALIZE, TITLE, WIDTH, HEIGHT);
  private static final Schema HISTORY = Schema.of(TITLE, WIDTH, HEIGHT);

  private final Registry registry;

  Plots(Registry registry) {
    this.registry = registry;
  }

  /**
   * ROC curves of {@code scores} against {@code truth}: one curve for binary scores {@code [n]}, one per class
   * (one-vs-rest) for scores {@code [n, k]}.
   */
  Path roc(Object truth, INDArray scores, Path file, Map<String, Object> raw) {
    Params params = ROC.parse(raw);
    List<RocChart.Curve> curves = new ArrayList<>();
    if (scores.rank() == 2 && scores.columns() > 1) {
      for (int c = 0; c < scores.columns(); c++) {
        curves.add(curve("class " + c, truth, scores.getColumn(c), c));
      }
    } else {
      curves.add(curve("model", truth, scores, params.get(POS_LABEL)));
    }
    return RocChart.save(file, curves, options(params, "ROC curve"));
  }

  private RocChart.Curve curve(String name, Object truth, INDArray scores, int positive) {
    Map<String, Object> details = score("roc-curve", Map.of("posLabel", positive), truth, scores).details();
    return new RocChart.Curve(name, (double[]) details.get("fpr"), (double[]) details.get("tpr"),
        ((Number) details.get("auc")).doubleValue());
  }

  /** The confusion matrix of {@code predicted} against {@code truth} as a heat map. */
  Path confusion(Object truth, Object predicted, Path file, Map<String, Object> raw) {
    Params params = CONFUSION.parse(raw);
    Map<String, Object> metricOptions = new LinkedHashMap<>();
    metricOptions.put("labels", params.get(LABELS));
    metricOptions.put("normalize", params.get(NORMALIZE));
    Map<String, Object> details = score("confusion-matrix", metricOptions, truth, predicted).details();
    Object[] rows = (Object[]) details.get("matrix");
    double[][] matrix = Arrays.stream(rows).map(Plots::doubles).toArray(double[][]::new);
    List<String> labels = Arrays.stream((long[]) details.get("labels")).mapToObj(Long::toString).toList();
    return ConfusionChart.save(file, matrix, labels, options(params, "Confusion matrix"));
  }

  /** The training loss (and training accuracy, validation score) per epoch of a fit's result. */
  Path history(Map<String, Object> fit, Path file, Map<String, Object> raw) {
    Params params = HISTORY.parse(raw);
    double[] losses = NestedArrays.toTensor(fit.get("losses"), "losses").toDoubleVector();
    return HistoryChart.save(file, losses, perEpoch(fit, "accuracies"), perEpoch(fit, "validation"),
        String.valueOf(fit.get("validationMetric")), options(params, "Training"));
  }

  /** The numbers under {@code key} of a fit's result, or {@code null} when it has none. */
  private static double[] perEpoch(Map<String, Object> fit, String key) {
    Object values = fit.get(key);
    return values == null ? null : NestedArrays.toTensor(values, key).toDoubleVector();
  }

  @SuppressWarnings("unchecked")
  private Score score(String metric, Map<String, Object> options, Object truth, Object predicted) {
    MetricProvider provider = (MetricProvider) registry.provider(Kind.METRIC, metric);
    Metric<Object> scorer = (Metric<Object>) registry.create(Kind.METRIC, metric, options);
    return scorer.score(provider.input(truth, predicted));
  }

  private static double[] doubles(Object row) {
    if (row instanceof double[] values) {
      return values;
    }
    if (row instanceof long[] counts) {
      return Arrays.stream(counts).asDoubleStream().toArray();
    }
    throw new KilnException("confusion-matrix returned rows of " + row.getClass().getSimpleName());
  }

  private static PlotOptions options(Params params, String defaultTitle) {
    String title = params.get(TITLE).isEmpty() ? defaultTitle : params.get(TITLE);
    return new PlotOptions(title, params.get(WIDTH), params.get(HEIGHT));
  }
}
