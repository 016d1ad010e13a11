package dev.kiln.shell;

import dev.kiln.api.train.Progress;
import dev.kiln.api.train.TrainingListener;
import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A console progress bar over all the batches of a training run, showing the epoch, the last batch's loss and,
 * for classifiers, the training accuracy over the epoch so far: {@code epoch 2/5 loss 0.4321 acc 0.8672}.
 */
final class ProgressBars implements TrainingListener {
  private final PrintStream out;
  private final int width;
  private ProgressBar bar;

  ProgressBars(PrintStream out, int width) {
    this.out = out;
    this.width = width;
  }

  @Override
  public void onBatch(Progress p) {
    if (bar == null) {
      bar = new ProgressBarBuilder()
          .setTaskName("fit")
          .setInitialMax((long) p.epochs() * p.batches())
          .setStyle(ProgressBarStyle.ASCII)
          .setUpdateIntervalMillis(200)
          .setConsumer(new ConsoleProgressBarConsumer(out, Math.max(40, width - 1)))
          .build();
    }
    bar.stepTo((long) (p.epoch() - 1) * p.batches() + p.batch());
    bar.setExtraMessage(" " + message(p));
  }

  /** {@code "epoch 2/5 loss 0.4321 acc 0.8672"}; without the accuracy when the model reports none. */
  static String message(Progress p) {
    String text = String.format(Locale.ROOT, "epoch %d/%d loss %.4g", p.epoch(), p.epochs(), p.loss());
    return p.hasAccuracy() ? text + String.format(Locale.ROOT, " acc %.4f", p.accuracy()) : text;
  }

  @Override
  public void onEnd() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
