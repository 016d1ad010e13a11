package dev.kiln.plot;

import dev.kiln.api.KilnException;
import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * ROC curves as a PNG: each curve's points (false positive rate, true positive rate) joined by straight lines
 * (the trapezoids its AUC adds up), labelled with its AUC, over the dashed diagonal of a random scorer. The
 * points come from the {@code roc-curve} metric's {@code fpr} and {@code tpr} details.
 */
public final class RocChart {
  /**
   * One ROC curve.
   *
   * @param name the legend label, such as a class name
   * @param fpr false positive rates, non-decreasing, in [0, 1]
   * @param tpr true positive rates, one per false positive rate, in [0, 1]
   * @param auc the area under the curve, shown in the legend
   */
  public record Curve(String name, double[] fpr, double[] tpr, double auc) {
    public Curve {
      if (fpr.length != tpr.length || fpr.length < 2) {
        throw new KilnException("ROC curve '" + name + "' needs at least 2 points and as many TPRs as FPRs, got "
            + fpr.length + " FPRs and " + tpr.length + " TPRs");
      }
      for (int i = 0; i < fpr.length; i++) {
        if (!(fpr[i] >= 0 && fpr[i] <= 1 && tpr[i] >= 0 && tpr[i] <= 1)) {
          throw new KilnException("ROC curve '" + name + "' point " + i + " (" + fpr[i] + ", " + tpr[i]
              + ") is outside [0, 1]; pass rates such as roc-curve's fpr and tpr");
        }
      }
      fpr = fpr.clone();
      tpr = tpr.clone();
    }
  }

  private RocChart() {}

  /** Draws {@code curves} into the PNG {@code file}; returns its absolute path. */
  public static Path save(Path file, List<Curve> curves, PlotOptions options) {
    if (curves.isEmpty()) {
      throw new KilnException("no ROC curve to plot: pass at least one");
    }
    XYChart chart = new XYChartBuilder().width(options.width()).height(options.height()).title(options.title())
        .xAxisTitle("false positive rate").yAxisTitle("true positive rate").build();
    XYStyler styler = chart.getStyler();
    styler.setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
    styler.setLegendPosition(Styler.LegendPosition.InsideSE);
    styler.setChartBackgroundColor(Color.WHITE);
    XYSeries chance = chart.addSeries("chance", new double[] {0, 1}, new double[] {0, 1});
    chance.setMarker(SeriesMarkers.NONE).setLineColor(Color.GRAY)
        .setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f}, 0f));
    for (Curve curve : curves) {
      chart.addSeries(String.format(Locale.ROOT, "%s (AUC = %.3f)", curve.name(), curve.auc()), curve.fpr(),
          curve.tpr()).setMarker(SeriesMarkers.NONE);
    }
    return Png.write(chart, file);
  }
}
