package dev.kiln.shell;

import dev.kiln.api.train.Progress;
import dev.kiln.api.train.TrainingListener;
import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A console progress bar over all the batches of a training run, showing the epoch and the last loss. */
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
    bar.setExtraMessage(String.format(Locale.ROOT, " epoch %d/%d loss %.4g", p.epoch(), p.epochs(), p.loss()));
  }

  @Override
  public void onEnd() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
