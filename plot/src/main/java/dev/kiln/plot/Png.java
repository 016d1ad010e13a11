package dev.kiln.plot;

import dev.kiln.api.KilnException;
import dev.kiln.api.io.AtomicFiles;
import java.nio.file.Path;
import java.util.Locale;
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
    String name = file.getFileName() == null ? "" : file.getFileName().toString();
    if (!name.toLowerCase(Locale.ROOT).endsWith(".png")) {
      String stem = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name.isEmpty() ? "plot" : name;
      throw new KilnException("cannot write plot " + file + ": plots are PNG images; give a file name ending in .png, "
          + "such as " + stem + ".png");
    }
    AtomicFiles.write(file, "plot.png", out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    return file.toAbsolutePath();
  }
}
