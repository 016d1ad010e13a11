package dev.kiln.plot;

import dev.kiln.api.KilnException;

/**
 * The title and the size in pixels of a plot, validated on construction.
 *
 * @param title the title drawn above the plot; may be empty
 * @param width the image width in pixels, in [100, 8000]
 * @param height the image height in pixels, in [100, 8000]
 */
public record PlotOptions(String title, int width, int height) {
  public PlotOptions {
    if (title == null) {
      throw new KilnException("a plot title may be empty but not null");
    }
    if (width < 100 || width > 8000 || height < 100 || height > 8000) {
      throw new KilnException("plot size " + width + " x " + height + " is out of range: width and height must be "
          + "in [100, 8000] pixels");
    }
  }

  /** A 640 x 480 plot with {@code title}. */
  public static PlotOptions titled(String title) {
    return new PlotOptions(title, 640, 480);
  }
}
