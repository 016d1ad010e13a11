package dev.kiln.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.train.Progress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The training progress bar's text: epoch, loss and, for classifiers, the training accuracy. */
class ProgressBarsTest {
  @Test
  void classifiersShowTheAccuracyAndRegressorsDoNot() {
    assertEquals("epoch 2/5 loss 0.4321 acc 0.8672", ProgressBars.message(new Progress(2, 5, 3, 8, 0.43211, 0.86719)));
    assertEquals("epoch 1/1 loss 1.000e-05 acc 1.0000", ProgressBars.message(new Progress(1, 1, 1, 1, 1e-5, 1)));
    assertEquals("epoch 3/10 loss 12.35", ProgressBars.message(new Progress(3, 10, 1, 4, 12.345, Double.NaN)));
  }

  @Test
  void theEpochTextAlwaysFitsAndTheTimesGoFirst() {
    String message = "epoch 9/400 loss 0.001288 acc 0.9531";
    Duration elapsed = Duration.ofSeconds(30);
    assertEquals("fit  25% [########" + ".".repeat(25) + "] " + message + "  0:00:30 / 0:01:30",
        ProgressBars.line(0.25, elapsed, message, 100));
    assertEquals("fit  25% [###..........] " + message + "  0:00:30 / 0:01:30",
        ProgressBars.line(0.25, elapsed, message, 80));
    assertEquals("fit  25% [###.........] " + message, ProgressBars.line(0.25, elapsed, message, 60));
    assertEquals("fit  25% " + message, ProgressBars.line(0.25, elapsed, message, 50));
    assertEquals("fit  25% epoch 9/400 loss", ProgressBars.line(0.25, elapsed, message, 25));
    assertEquals("fit   0% [" + ".".repeat(39) + "] " + message + "  0:00:00 / ?",
        ProgressBars.line(0, Duration.ZERO, message, 100));
  }

  @Test
  void theBarEndsWithTheLastBatchText() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressBars bars = new ProgressBars(new PrintStream(bytes, true, StandardCharsets.UTF_8), 100);
    bars.onBatch(new Progress(1, 2, 1, 2, 0.9, 0.5));
    bars.onBatch(new Progress(2, 2, 2, 2, 0.25, 0.75));
    bars.onEnd();
    String shown = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(shown.contains("fit 100%") && shown.contains("epoch 2/2 loss 0.2500 acc 0.7500"), shown);
  }
}
