package dev.kiln.api;

import dev.kiln.api.data.Dataset;
import dev.kiln.api.train.Training;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Exhaustive grid search by cross-validation: every combination of the grid's option values is
 * cross-validated by {@link CrossValidation} on the same folds, and the one of best mean score wins (the first
 * in grid order on ties, as scikit-learn's {@code GridSearchCV} ranks them). Combinations are enumerated as
 * scikit-learn's {@code ParameterGrid}: option names in sorted order, the last name varying fastest.
 *
 * <pre>{@code
 * GridSearch.Result r = GridSearch.run(registry, "knn", Map.of(), Map.of("k", List.of(1, 3, 5)), iris,
 *     new CrossValidation.Folding(5, true, false, 0), "accuracy", Map.of(), true, Training.defaults());
 * r.best().options();   // {k=...}
 * }</pre>
 *
 * <p>Reference: scikit-learn 1.2 {@code sklearn.model_selection.GridSearchCV} and {@code ParameterGrid}.
 */
public final class GridSearch {
  private GridSearch() {}

  /** One combination: its options (fixed and grid ones together) and its cross-validation result. */
  public record Candidate(Map<String, Object> options, CrossValidation.Result result) {
    /** Copies {@code options} into an unmodifiable map that keeps their order. */
    public Candidate {
      options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }
  }

  /** Every candidate in grid order, and the index of the best. */
  public record Result(List<Candidate> candidates, int bestIndex) {
    /** Copies {@code candidates} into an unmodifiable list, in grid order; {@code bestIndex} points into it. */
    public Result {
      candidates = List.copyOf(candidates);
    }

    /** The winning candidate. */
    public Candidate best() {
      return candidates.get(bestIndex);
    }
  }

  /**
   * Searches model plugin {@code model}: {@code fixed} options plus every combination of {@code grid} (option
   * name to the values to try), scored by metric plugin {@code metric}; {@code maximize} says whether a higher
   * score is better (accuracy) or a lower one (mse). Every combination's options are validated before any fit.
   */
  public static Result run(Registry registry, String model, Map<String, ?> fixed, Map<String, ? extends List<?>> grid,
      Dataset data, CrossValidation.Folding folding, String metric, Map<String, ?> metricOptions, boolean maximize,
      Training training) {
    List<Map<String, Object>> points = points(fixed, grid);
    points.forEach(options -> CrossValidation.requirePredicting(model, registry.model(model, options)));
    Metric<Predictions> scorer = registry.metric(metric, metricOptions, Predictions.class);
    boolean probabilities = ((MetricProvider) registry.provider(Kind.METRIC, metric)).scoresProbabilities();
    return search(points, options -> registry.model(model, options), data, folding, scorer, probabilities,
        maximize, CrossValidation.fresh(registry, training));
  }

  /** Searches the models {@code models} makes from each combination's options. */
  public static Result run(Function<Map<String, Object>, ? extends Model> models, Map<String, ? extends List<?>> grid,
      Dataset data, CrossValidation.Folding folding, Metric<Predictions> metric, boolean maximize, Training training) {
    return search(points(Map.of(), grid), models, data, folding, metric, false, maximize, () -> training);
  }

  private static Result search(List<Map<String, Object>> points, Function<Map<String, Object>, ? extends Model> models,
      Dataset data, CrossValidation.Folding folding, Metric<Predictions> metric, boolean probabilities,
      boolean maximize, Supplier<Training> trainings) {
    List<Candidate> candidates = new ArrayList<>();
    int best = 0;
    for (Map<String, Object> options : points) {
      CrossValidation.Result result = CrossValidation.run(() -> models.apply(options), data, folding, metric,
          probabilities, trainings);
      candidates.add(new Candidate(options, result));
      double leader = candidates.get(best).result().mean();
      if (maximize ? result.mean() > leader : result.mean() < leader) {
        best = candidates.size() - 1;
      }
    }
    return new Result(candidates, best);
  }

  /** The combinations of {@code grid} (sorted names, last fastest), each with the {@code fixed} options. */
  static List<Map<String, Object>> points(Map<String, ?> fixed, Map<String, ? extends List<?>> grid) {
    if (grid.isEmpty()) {
      throw new KilnException("the grid is empty: give at least one option and its values, such as {k: [1, 3, 5]}");
    }
    for (String name : grid.keySet()) {
      if (fixed.containsKey(name)) {
        throw new KilnException("option '" + name + "' is both fixed and in the grid; keep it in one of them");
      }
    }
    List<Map<String, Object>> points = new ArrayList<>();
    points.add(new LinkedHashMap<>(fixed));
    for (Map.Entry<String, ? extends List<?>> entry : new TreeMap<>(grid).entrySet()) {
      if (entry.getValue().isEmpty()) {
        throw new KilnException("grid option '" + entry.getKey() + "' has no values; give at least one, such as {"
            + entry.getKey() + ": [1, 3]}");
      }
      List<Map<String, Object>> next = new ArrayList<>();
      for (Map<String, Object> point : points) {
        for (Object value : entry.getValue()) {
          Map<String, Object> extended = new LinkedHashMap<>(point);
          extended.put(entry.getKey(), value);
          next.add(extended);
        }
      }
      points = next;
    }
    return points;
  }
}
