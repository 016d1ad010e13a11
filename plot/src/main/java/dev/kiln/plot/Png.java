package dev.kiln.plot;

import dev.kiln.api.io.AtomicFiles;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Writes a chart as a PNG file through {@link AtomicFiles}: XChart renders it (headless) into a temporary file
 * in the target's folder, which then replaces the target, so a reader never sees a partial image and a failed
 * write leaves nothing behind.
 */
final class Png {
  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private Png() {}

  /** Renders {@code chart} to {@code file}; fails with one line naming the file and the cause. */
  static Path write(Chart<?, ?> chart, Path file) {
    AtomicFiles.write(file, "plot.png", out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    return file.toAbsolutePath();
  }
}
