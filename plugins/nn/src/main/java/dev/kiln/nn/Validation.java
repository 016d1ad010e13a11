package dev.kiln.nn;

import dev.kiln.api.data.Dataset;
import dev.kiln.api.train.Progress;
import dev.kiln.api.train.TrainingListener;
import java.util.ArrayList;
import java.util.List;

/**
 * A training listener that evaluates a network on held-out data after each epoch and keeps the history of
 * training loss, validation loss and validation accuracy, for loss curves and for spotting over-fitting:
 *
 * <pre>{@code
 * Validation validation = new Validation(model, test);
 * model.fit(train, Training.with(sgd).withEpochs(10).withListener(validation));
 * validation.history();      // [Epoch[epoch=1, trainLoss=0.56, validationLoss=0.47, validationAccuracy=0.83], ...]
 * }</pre>
 *
 * <p>Reference: Goodfellow, Bengio, Courville, "Deep Learning", MIT Press 2016, §5.3 (validation sets).
 */
public final class Validation implements TrainingListener {
  private final Network model;
  private final Dataset data;
  private final List<Epoch> history = new ArrayList<>();

  /** One epoch's record; the accuracy is NaN for regressors. */
  public record Epoch(int epoch, double trainLoss, double validationLoss, double validationAccuracy) {}

  /** Evaluates {@code model} on {@code data} after each epoch. */
  public Validation(Network model, Dataset data) {
    this.model = model;
    this.data = data;
  }

  @Override
  public void onEpoch(Progress progress) {
    Network.Evaluation evaluation = model.evaluate(data);
    history.add(new Epoch(progress.epoch(), progress.loss(), evaluation.loss(), evaluation.accuracy()));
  }

  /** The records so far, one per finished epoch. */
  public List<Epoch> history() {
    return List.copyOf(history);
  }
}
