package dev.kiln.plot;

import dev.kiln.api.KilnException;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Training curves as a PNG: the mean training loss of each epoch on the left axis and, when there are any, the
 * training accuracy and the validation score after each epoch on the right axis.
 */
public final class HistoryChart {
  private HistoryChart() {}

  /**
   * Draws {@code losses} (one per epoch), {@code accuracies} (the training accuracy: {@code null}, or one per
   * epoch) and {@code scores} ({@code null}, or one per epoch, named {@code scoreName}) into the PNG
   * {@code file}; returns its absolute path.
   */
  public static Path save(Path file, double[] losses, double[] accuracies, double[] scores, String scoreName,
      PlotOptions options) {
    if (losses.length == 0) {
      throw new KilnException("no epochs to plot: pass the result of a fit with an optimizer");
    }
    requireOnePerEpoch(losses, accuracies, "training accuracies");
    requireOnePerEpoch(losses, scores, "validation scores");
    double[] epochs = IntStream.rangeClosed(1, losses.length).asDoubleStream().toArray();
    XYChart chart = new XYChartBuilder().width(options.width()).height(options.height()).title(options.title())
        .xAxisTitle("epoch").yAxisTitle("training loss").build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE).setChartBackgroundColor(Color.WHITE);
    chart.addSeries("training loss", epochs, losses).setMarker(SeriesMarkers.CIRCLE);
    List<String> right = new ArrayList<>();
    if (accuracies != null) {
      right.add("training accuracy");
      chart.addSeries("training accuracy", epochs, accuracies).setMarker(SeriesMarkers.SQUARE).setYAxisGroup(1);
    }
    if (scores != null) {
      right.add("validation " + scoreName);
      chart.addSeries("validation " + scoreName, epochs, scores).setMarker(SeriesMarkers.DIAMOND).setYAxisGroup(1);
    }
    if (!right.isEmpty()) {
      chart.setYAxisGroupTitle(1, String.join(", ", right));
      chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
    }
    return Png.write(chart, file);
  }

  private static void requireOnePerEpoch(double[] losses, double[] values, String what) {
    if (values != null && values.length != losses.length) {
      throw new KilnException(losses.length + " epoch losses but " + values.length + " " + what);
    }
  }
}
