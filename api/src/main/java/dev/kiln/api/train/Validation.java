package dev.kiln.api.train;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * Scores the model on held-out data after every epoch, with optional early stopping. It keeps each epoch's
 * training loss, training accuracy and validation score (learning curves, spotting over-fitting) and, with a
 * patience, stops training once the score has not improved for that many epochs. The score is any number,
 * higher or lower being better: an accuracy on validation data, a validation loss, ....
 *
 * <pre>{@code
 * Validation validation = new Validation(() -> network.evaluate(test).loss(), false, 3);
 * network.fit(train, Training.with(sgd).withEpochs(50).withListener(validation));
 * validation.history();    // [Epoch[epoch=1, trainLoss=0.56, trainAccuracy=0.81, score=0.47], ...]
 * }</pre>
 *
 * <p>Reference: Prechelt, "Early Stopping — But When?", Neural Networks: Tricks of the Trade, 1998;
 * Goodfellow, Bengio, Courville, "Deep Learning", MIT Press 2016, §5.3 (validation sets), §7.8 (early stopping).
 */
public final class Validation implements TrainingListener {
  /** One epoch: its mean training loss, its training accuracy (NaN if not reported) and the score after it. */
  public record Epoch(int epoch, double trainLoss, double trainAccuracy, double score) {}

  private final DoubleSupplier score;
  private final boolean higherIsBetter;
  private final int patience;
  private final List<Epoch> history = new ArrayList<>();
  private double best = Double.NaN;
  private int sinceBest;

  /**
   * @param score computes the validation score of the model as it is now
   * @param patience epochs without improvement before stopping; 0 never stops
   */
  public Validation(DoubleSupplier score, boolean higherIsBetter, int patience) {
    if (patience < 0) {
      throw new IllegalArgumentException("patience " + patience + " < 0");
    }
    this.score = score;
    this.higherIsBetter = higherIsBetter;
    this.patience = patience;
  }

  @Override
  public void onEpoch(Progress progress) {
    double value = score.getAsDouble();
    history.add(new Epoch(progress.epoch(), progress.loss(), progress.accuracy(), value));
    boolean improved = Double.isNaN(best) || (higherIsBetter ? value > best : value < best);
    if (improved) {
      best = value;
      sinceBest = 0;
    } else {
      sinceBest++;
    }
  }

  @Override
  public boolean stopRequested() {
    return patience > 0 && sinceBest >= patience;
  }

  /** The epochs seen so far, in order. */
  public List<Epoch> history() {
    return List.copyOf(history);
  }

  /** The best score so far (NaN before the first epoch). */
  public double best() {
    return best;
  }
}
