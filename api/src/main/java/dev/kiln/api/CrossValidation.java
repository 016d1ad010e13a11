package dev.kiln.api;

import dev.kiln.api.data.Dataset;
import dev.kiln.api.data.Folds;
import dev.kiln.api.train.Training;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * k-fold cross-validation: for each fold of {@link Folds} (scikit-learn's {@code KFold} or
 * {@code StratifiedKFold}), a fresh model is fitted on the other folds and scored on this one, as
 * scikit-learn's {@code cross_val_score} does. The result holds every fold's score, their mean and their
 * standard deviation {@code sqrt(mean((s − mean)²))}: the population deviation (ddof = 0), numpy's default,
 * which is what {@code cross_val_score(...).std()} prints.
 *
 * <pre>{@code
 * CrossValidation.Result r = CrossValidation.run(registry, "knn", Map.of("k", 5), iris,
 *     new CrossValidation.Folding(5, true, false, 0), "accuracy", Map.of(), Training.defaults());
 * }</pre>
 *
 * <p>Reference: Hastie, Tibshirani, Friedman, "The Elements of Statistical Learning", 2nd ed., §7.10;
 * scikit-learn 1.2 {@code sklearn.model_selection.cross_val_score}.
 */
public final class CrossValidation {
  private CrossValidation() {}

  /**
   * How to split the rows: {@code folds >= 2} folds, stratified by class label or in row order, shuffled with
   * {@code seed} first or not (without shuffling, the folds are scikit-learn's exactly).
   */
  public record Folding(int folds, boolean stratified, boolean shuffle, long seed) {
    /** Checks that {@code folds >= 2}, failing with a {@link KilnException} that suggests {@code {folds: 5}}. */
    public Folding {
      if (folds < 2) {
        throw new KilnException("cross-validation needs at least 2 folds, got folds = " + folds
            + "; pass {folds: 5}");
      }
    }

    /** {@code folds} folds of consecutive rows, unshuffled and unstratified. */
    public static Folding of(int folds) {
      return new Folding(folds, false, false, 0);
    }

    /** The folds of {@code data}. */
    public List<Folds.Fold> split(Dataset data) {
      return stratified ? Folds.stratifiedKFold(data.labels(), folds, shuffle, seed)
          : Folds.kFold(data.size(), folds, shuffle, seed);
    }
  }

  /** Each fold's score, in fold order, with their mean and population standard deviation (ddof = 0). */
  public record Result(List<Double> scores, double mean, double std) {
    /** Copies {@code scores} into an unmodifiable list; {@link #of} computes {@code mean} and {@code std} from them. */
    public Result {
      scores = List.copyOf(scores);
    }

    /** The result of {@code scores}: mean and standard deviation computed here. */
    public static Result of(List<Double> scores) {
      double mean = scores.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
      double variance = scores.stream().mapToDouble(s -> (s - mean) * (s - mean)).average().orElse(Double.NaN);
      return new Result(scores, mean, Math.sqrt(variance));
    }
  }

  /**
   * Cross-validates model plugin {@code model} with {@code options}, scored by metric plugin {@code metric}
   * with {@code metricOptions} (which must score {@link Predictions}: truth, then {@code predict}'s output, or
   * a classifier's probabilities when the metric {@linkplain MetricProvider#scoresProbabilities scores them}).
   * The options are validated before any fold is fitted; a model that neither classifies nor regresses (a
   * clustering or a scaler) is refused. Each fold trains with a fresh optimizer of the training's plugin and
   * options (when this registry made it), so no optimizer state passes from one fold to the next.
   */
  public static Result run(Registry registry, String model, Map<String, ?> options, Dataset data, Folding folding,
      String metric, Map<String, ?> metricOptions, Training training) {
    requirePredicting(model, registry.model(model, options));
    Metric<Predictions> scorer = registry.metric(metric, metricOptions, Predictions.class);
    boolean probabilities = ((MetricProvider) registry.provider(Kind.METRIC, metric)).scoresProbabilities();
    return run(() -> registry.model(model, options), data, folding, scorer, probabilities, fresh(registry, training));
  }

  /**
   * Cross-validates the models {@code models} makes (a fresh one per fold), scored by {@code metric} on their
   * {@code predict} output; every fold trains with {@code training} as it is (its optimizer included).
   */
  public static Result run(Supplier<? extends Model> models, Dataset data, Folding folding, Metric<Predictions> metric,
      Training training) {
    return run(models, data, folding, metric, false, () -> training);
  }

  /** Cross-validates as above, each fold trained with a training of {@code trainings}. */
  static Result run(Supplier<? extends Model> models, Dataset data, Folding folding, Metric<Predictions> metric,
      boolean probabilities, Supplier<Training> trainings) {
    List<Double> scores = new ArrayList<>();
    for (Folds.Fold fold : folding.split(data)) {
      Training training = trainings.get();
      training.cancellation().check();
      Model model = models.get();
      model.fit(data.select(fold.train()), training);
      scores.add(metric.score(Predictions.of(model, data.select(fold.test()), probabilities)).value());
    }
    return Result.of(scores);
  }

  /**
   * {@code training} with a new optimizer of its optimizer's plugin and options on every call, or
   * {@code training} itself when it has no optimizer or one that {@code registry} did not make.
   */
  static Supplier<Training> fresh(Registry registry, Training training) {
    return training.optimizerIfAny().flatMap(registry::originOf).<Supplier<Training>>map(origin ->
        () -> training.withOptimizer(registry.optimizer(origin.name(), origin.options()))).orElse(() -> training);
  }

  /** Fails for a model that transforms its data (a clustering, a scaler) instead of predicting labels. */
  static void requirePredicting(String name, Model model) {
    if (model instanceof Transformer && !(model instanceof Classifier)) {
      throw new KilnException(name + " transforms its data rather than predicting labels, so cross-validation, "
          + "which scores predictions against labels, does not apply to it; cross-validate a classifier or a "
          + "regressor");
    }
  }
}
