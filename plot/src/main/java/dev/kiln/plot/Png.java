package dev.kiln.plot;

import dev.kiln.api.KilnException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Writes a chart as a PNG file atomically: XChart renders it (headless) into a temporary file in the target's
 * folder, which is then renamed onto the target, so a reader never sees a partial image and a failed write
 * leaves nothing behind.
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
    Path target = file.toAbsolutePath();
    Path folder = target.getParent();
    if (!Files.isDirectory(folder)) {
      throw new KilnException("cannot write plot " + target + ": folder " + folder + " does not exist; create it "
          + "or choose another path");
    }
    Path temporary = null;
    try {
      // createFile (not createTempFile, whose files are owner-only) so the plot gets the usual permissions
      temporary = Files.createFile(folder.resolve("." + target.getFileName() + "." + System.nanoTime() + ".tmp"));
      try (OutputStream out = Files.newOutputStream(temporary)) {
        BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
      }
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      if (temporary != null) {
        try {
          Files.deleteIfExists(temporary);
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw new KilnException("cannot write plot " + target + ": " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : " " + e.getMessage()) + "; choose a writable path", e);
    }
  }
}
