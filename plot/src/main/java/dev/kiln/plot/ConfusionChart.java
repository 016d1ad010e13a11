package dev.kiln.plot;

import dev.kiln.api.KilnException;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.style.HeatMapStyler;

/**
 * A confusion matrix as a PNG heat map: true labels down, predicted labels across, each cell shaded by and
 * showing its value (counts, or rates when normalised). The matrix comes from the {@code confusion-matrix}
 * metric's {@code matrix} and {@code labels} details.
 */
public final class ConfusionChart {
  private ConfusionChart() {}

  /** Draws {@code matrix[true][predicted]} with axis {@code labels} into the PNG {@code file}. */
  public static Path save(Path file, double[][] matrix, List<String> labels, PlotOptions options) {
    int k = labels.size();
    if (k == 0 || matrix.length != k) {
      throw new KilnException("a confusion matrix of " + k + " labels needs " + k + " rows, got " + matrix.length);
    }
    List<Number[]> cells = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      if (matrix[i].length != k) {
        throw new KilnException("confusion matrix row " + i + " has " + matrix[i].length + " values, not " + k);
      }
      for (int j = 0; j < k; j++) {
        if (!(matrix[i][j] >= 0) || Double.isInfinite(matrix[i][j])) {
          throw new KilnException("confusion matrix cell [" + i + "][" + j + "] is " + matrix[i][j]
              + "; cells must be finite and >= 0");
        }
        // XChart puts y index 0 at the bottom: row i of the matrix goes to y = k - 1 - i, so row 0 is on top
        cells.add(new Number[] {j, k - 1 - i, matrix[i][j]});
      }
    }
    List<String> reversed = new ArrayList<>(labels);
    Collections.reverse(reversed);
    HeatMapChart chart = new HeatMapChartBuilder().width(options.width()).height(options.height())
        .title(options.title()).xAxisTitle("predicted").yAxisTitle("true").build();
    HeatMapStyler styler = chart.getStyler();
    styler.setShowValue(true).setValueFontColor(Color.BLACK).setHeatMapValueDecimalPattern("#.###");
    styler.setLegendVisible(false);
    styler.setChartBackgroundColor(Color.WHITE);
    chart.addSeries("confusion", labels, reversed, cells);
    return Png.write(chart, file);
  }
}
