package dev.kiln.shell;

import dev.kiln.api.train.Progress;
import dev.kiln.api.train.TrainingListener;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * A console progress bar over all the batches of a training run, showing the epoch, the last batch's loss and,
 * for classifiers, the training accuracy over the epoch so far:
 * <pre>  fit  40% [########............] epoch 2/5 loss 0.4321 acc 0.8672  0:00:03 / 0:00:04</pre>
 * In a narrow terminal the times give way first, then the bar; the percentage and the epoch's text are cut
 * only where the terminal is narrower than they are.
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
          .setInitialMax((long) p.epochs() * p.batches())
          .setRenderer((state, length) -> line(state.getNormalizedProgress(), state.getTotalElapsed(),
              state.getExtraMessage().strip(), length))
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

  /** One line of at most {@code width} characters for {@code done} (0 to 1) of the work after {@code elapsed}. */
  static String line(double done, Duration elapsed, String message, int width) {
    String head = String.format(Locale.ROOT, "fit %3d%%", (int) Math.floor(100 * done));
    Duration remaining = done > 0 ? Duration.ofMillis((long) (elapsed.toMillis() * (1 - done) / done)) : null;
    String times = "  " + clock(elapsed) + " / " + (remaining == null ? "?" : clock(remaining));
    int room = width - head.length() - message.length() - 1;
    if (room < times.length() + 8) {
      times = "";                                   // a narrow terminal: the times go first
    }
    int bar = room - times.length() - 3;
    String text = bar < 5 ? head + " " + message
        : head + " [" + "#".repeat((int) (bar * done)) + ".".repeat(bar - (int) (bar * done)) + "] " + message + times;
    return text.length() <= width ? text : text.substring(0, Math.max(0, width));
  }

  private static String clock(Duration d) {
    return String.format(Locale.ROOT, "%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
  }

  @Override
  public void onEnd() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
