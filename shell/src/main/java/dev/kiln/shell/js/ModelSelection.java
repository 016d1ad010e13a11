package dev.kiln.shell.js;

import dev.kiln.api.Classifier;
import dev.kiln.api.CrossValidation;
import dev.kiln.api.GridSearch;
import dev.kiln.api.KilnException;
import dev.kiln.api.Option;
import dev.kiln.api.Optimizer;
import dev.kiln.api.Params;
import dev.kiln.api.Registry;
import dev.kiln.api.Schema;
import dev.kiln.api.data.Dataset;
import dev.kiln.api.train.Training;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code kiln.crossValidate} and {@code kiln.gridSearch}: their settings, validated like plugin options, and
 * their results as plain maps. The work is the API's {@link CrossValidation} and {@link GridSearch}.
 */
final class ModelSelection {
  private static final Option<Integer> FOLDS = Option.integer("folds", 5, "number of folds").min(2);
  private static final Option<Boolean> SHUFFLE = Option.flag("shuffle", false, "shuffle rows before the folds");
  private static final Option<Integer> SEED = Option.integer("seed", 0, "seed for shuffling and training");
  private static final Option<String> METRIC = Option.text("metric", "",
      "the metric plugin; default accuracy for classifiers, mse for other models");
  private static final Option<Integer> EPOCHS = Option.integer("epochs", 1, "epochs per fit").min(1);
  private static final Option<Integer> BATCH_SIZE = Option.integer("batchSize", 32, "rows per step").min(1);
  private static final Schema SETTINGS = Schema.of(FOLDS, SHUFFLE, SEED, METRIC, EPOCHS, BATCH_SIZE);
  /** Settings that are not plain options: stratified (default: for classifiers), metricOptions, optimizer. */
  private static final List<String> SPECIAL = List.of("stratified", "maximize", "metricOptions", "optimizer", "fixed");

  private final Registry registry;
  private final Supplier<Training> training;

  ModelSelection(Registry registry, Supplier<Training> training) {
    this.registry = registry;
    this.training = training;
  }

  Map<String, Object> crossValidate(String model, Map<String, Object> options, Dataset data,
      Map<String, Object> raw) {
    Settings s = settings(model, options, raw);
    return result(CrossValidation.run(registry, model, options, data, s.folding, s.metric, s.metricOptions,
        s.training));
  }

  Map<String, Object> gridSearch(String model, Map<String, Object> grid, Dataset data, Map<String, Object> raw) {
    Map<String, Object> fixed = map(raw.get("fixed"), "fixed");
    Map<String, List<?>> values = new LinkedHashMap<>();
    grid.forEach((name, candidates) -> {
      if (!(candidates instanceof List<?> list) || list.isEmpty()) {
        throw new KilnException("gridSearch: grid entry '" + name + "' must be a non-empty array of values, got "
            + candidates);
      }
      values.put(name, list);
    });
    Settings s = settings(model, fixed, raw);
    boolean maximize = flag(raw, "maximize", MetricDefaults.higherIsBetter(s.metric));
    GridSearch.Result result = GridSearch.run(registry, model, fixed, values, data, s.folding, s.metric,
        s.metricOptions, maximize, s.training);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("best", result.best().options());
    out.put("bestScore", result.best().result().mean());
    out.put("candidates", result.candidates().stream().map(c -> {
      Map<String, Object> row = new LinkedHashMap<>(Map.of("options", c.options()));
      row.putAll(result(c.result()));
      return row;
    }).toList());
    return out;
  }

  private record Settings(CrossValidation.Folding folding, String metric, Map<String, Object> metricOptions,
      Training training) {}

  private Settings settings(String model, Map<String, Object> options, Map<String, Object> raw) {
    Params params = SETTINGS.parse(raw, SPECIAL);
    boolean classifier = Classifier.classifying(registry.model(model, options));
    boolean stratified = flag(raw, "stratified", classifier);
    String metric = MetricDefaults.metric(params.get(METRIC), classifier);
    Optimizer optimizer = JsValues.optimizer(raw.get("optimizer"), "model selection");
    Training how = training.get().withOptimizer(optimizer).withEpochs(params.get(EPOCHS))
        .withBatchSize(params.get(BATCH_SIZE)).withSeed(params.get(SEED));
    return new Settings(new CrossValidation.Folding(params.get(FOLDS), stratified, params.get(SHUFFLE),
        params.get(SEED)), metric, map(raw.get("metricOptions"), "metricOptions"), how);
  }

  /** The boolean setting {@code name}, or {@code otherwise} when it is not given. */
  private static boolean flag(Map<String, Object> raw, String name, boolean otherwise) {
    Object value = raw.get(name);
    if (value != null && !(value instanceof Boolean)) {
      throw new KilnException("setting '" + name + "' must be true or false, got "
          + (value instanceof String text ? "'" + text + "'" : value));
    }
    return value == null ? otherwise : (Boolean) value;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value, String what) {
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof Map<?, ?>)) {
      throw new KilnException("'" + what + "' must be an object of options, got " + value);
    }
    return (Map<String, Object>) value;
  }

  private static Map<String, Object> result(CrossValidation.Result result) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("scores", result.scores());
    out.put("mean", result.mean());
    out.put("std", result.std());
    return out;
  }
}
