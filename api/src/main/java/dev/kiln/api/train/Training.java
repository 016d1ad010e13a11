package dev.kiln.api.train;

import dev.kiln.api.KilnException;
import dev.kiln.api.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How to train: epochs, batch size, the optimizer (none: the model uses its own solver, such as a closed
 * form), whether and with which seed to shuffle, listeners, and the cancellation flag polled between
 * batches. Immutable; the {@code with...} methods return copies.
 */
public record Training(int epochs, int batchSize, Optimizer optimizer, long seed, boolean shuffle,
    List<TrainingListener> listeners, Cancellation cancellation) {
  /**
   * Checks the settings and copies {@code listeners}.
   *
   * @throws KilnException when {@code epochs} or {@code batchSize} is below 1
   * @throws IllegalArgumentException when {@code cancellation} is {@code null}
   */
  public Training {
    if (epochs < 1) {
      throw new KilnException("epochs = " + epochs + " must be at least 1");
    }
    if (batchSize < 1) {
      throw new KilnException("batchSize = " + batchSize + " must be at least 1");
    }
    listeners = List.copyOf(listeners);
    if (cancellation == null) {
      throw new IllegalArgumentException("cancellation");
    }
  }

  /** The model's own solver (no optimizer), 1 epoch, batch 32, seed 0, shuffled. */
  public static Training defaults() {
    return new Training(1, 32, null, 0, true, List.of(), new Cancellation());
  }

  /** Gradient training with {@code optimizer}, otherwise as {@link #defaults()}. */
  public static Training with(Optimizer optimizer) {
    return defaults().withOptimizer(optimizer);
  }

  /** The optimizer, if the training names one. */
  public Optional<Optimizer> optimizerIfAny() {
    return Optional.ofNullable(optimizer);
  }

  /** A copy trained by {@code optimizer}; {@code null} leaves the model to its own solver (closed form, L-BFGS). */
  public Training withOptimizer(Optimizer optimizer) {
    return new Training(epochs, batchSize, optimizer, seed, shuffle, listeners, cancellation);
  }

  /** A copy whose gradient training makes {@code epochs} passes over the data (at least 1, else a KilnException). */
  public Training withEpochs(int epochs) {
    return new Training(epochs, batchSize, optimizer, seed, shuffle, listeners, cancellation);
  }

  /**
   * A copy whose gradient training steps the optimizer every {@code batchSize} rows (the last batch of an epoch
   * takes the rest); at least 1, else a KilnException.
   */
  public Training withBatchSize(int batchSize) {
    return new Training(epochs, batchSize, optimizer, seed, shuffle, listeners, cancellation);
  }

  /** A copy whose seed fixes the batch order (epoch {@code e} shuffles with {@code seed + e}) and initial weights. */
  public Training withSeed(long seed) {
    return new Training(epochs, batchSize, optimizer, seed, shuffle, listeners, cancellation);
  }

  /** A copy whose gradient training shuffles the rows before every epoch ({@code true}, the default) or not. */
  public Training withShuffle(boolean shuffle) {
    return new Training(epochs, batchSize, optimizer, seed, shuffle, listeners, cancellation);
  }

  /**
   * A copy polled through {@code cancellation} between batches or iterations; cancelling it ends training with
   * a {@link CancelledException}.
   */
  public Training withCancellation(Cancellation cancellation) {
    return new Training(epochs, batchSize, optimizer, seed, shuffle, listeners, cancellation);
  }

  /** A copy with one more listener. */
  public Training withListener(TrainingListener listener) {
    List<TrainingListener> more = new ArrayList<>(listeners);
    more.add(listener);
    return new Training(epochs, batchSize, optimizer, seed, shuffle, more, cancellation);
  }
}
