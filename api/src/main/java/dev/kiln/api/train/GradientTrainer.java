package dev.kiln.api.train;

import dev.kiln.api.KilnException;
import dev.kiln.api.Optimizer;
import dev.kiln.api.data.Batch;
import dev.kiln.api.data.Dataset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * The mini-batch training loop every {@link GradientModel} shares: check the data for NaN and infinities,
 * then for each epoch, for each batch (shuffled with seed {@code seed + epoch} when asked), compute the loss
 * and gradients, stop on a non-finite loss, take an optimizer step, tell the listeners, and poll the
 * cancellation flag; after each epoch, stop early when a listener asks to. Models that classify also count
 * their right answers ({@link GradientModel#lastBatchCorrect()}): the listeners hear the accuracy over the
 * epoch's rows so far, and the {@link Fit} keeps each epoch's. The backend's BLAS runs on one thread
 * meanwhile ({@link SingleThreadedBlas}).
 */
public final class GradientTrainer {
  private GradientTrainer() {}

  /** Trains {@code model} on {@code data} as {@code how} says; {@code how} must name an optimizer. */
  public static Fit train(GradientModel model, Dataset data, Training how) {
    Optimizer optimizer = how.optimizerIfAny().orElseThrow(() -> new KilnException(
        "gradient training needs an optimizer: {optimizer: kiln.optimizer('sgd', {lr: 0.01})} in the shell, "
            + "Training.with(optimizer) in Java"));
    data.requireFinite();
    long start = System.nanoTime();
    int batches = data.batchCount(how.batchSize());
    List<Double> epochLosses = new ArrayList<>();
    List<Double> epochAccuracies = new ArrayList<>();
    List<Parameter> parameters = model.parameters();
    SingleThreadedBlas.enter();
    try {
      for (int epoch = 1; epoch <= how.epochs(); epoch++) {
        double lossSum = 0;
        long correct = 0;
        long rows = 0;
        boolean classifies = false;
        int batch = 0;
        for (Batch b : data.reusedBatches(how.batchSize(), how.shuffle(), how.seed() + epoch)) {
          how.cancellation().check();
          batch++;
          double loss = model.lossAndGradient(b);
          if (!Double.isFinite(loss)) {
            throw new KilnException("loss became " + loss + " at epoch " + epoch + ", batch " + batch
                + ": training diverged; lower the learning rate or scale the features");
          }
          OptionalInt right = model.lastBatchCorrect();
          optimizer.step(parameters);
          lossSum += loss * b.size();
          rows += b.size();
          classifies = right.isPresent();
          correct += right.orElse(0);
          Progress progress = new Progress(epoch, how.epochs(), batch, batches, loss,
              classifies ? (double) correct / rows : Double.NaN);
          how.listeners().forEach(l -> l.onBatch(progress));
        }
        double epochLoss = lossSum / data.size();
        epochLosses.add(epochLoss);
        double epochAccuracy = classifies ? (double) correct / data.size() : Double.NaN;
        if (classifies) {
          epochAccuracies.add(epochAccuracy);
        }
        Progress progress = new Progress(epoch, how.epochs(), batches, batches, epochLoss, epochAccuracy);
        how.listeners().forEach(l -> l.onEpoch(progress));
        if (how.listeners().stream().anyMatch(TrainingListener::stopRequested)) {
          break;
        }
      }
    } finally {
      SingleThreadedBlas.exit();
      how.listeners().forEach(TrainingListener::onEnd);
    }
    return new Fit(epochLosses.size(), epochLosses, epochAccuracies, epochLosses.get(epochLosses.size() - 1),
        Duration.ofNanos(System.nanoTime() - start));
  }
}
