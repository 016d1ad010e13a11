package dev.kiln.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.KilnException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ROC and confusion-matrix PNGs: written, decodable, of the asked size, and written atomically or not at all. */
class PlotTest {
  static final RocChart.Curve CURVE = new RocChart.Curve("model", new double[] {0, 0, 0.5, 0.5, 1},
      new double[] {0, 0.5, 0.5, 1, 1}, 0.75);

  @TempDir
  Path folder;

  static BufferedImage read(Path file) throws IOException {
    BufferedImage image = ImageIO.read(file.toFile());
    assertNotNull(image, "not a decodable image: " + file);
    return image;
  }

  @Test
  void rocCurvePngHasTheAskedSize() throws IOException {
    Path file = RocChart.save(folder.resolve("roc.png"), List.of(CURVE,
        new RocChart.Curve("chance+", new double[] {0, 1}, new double[] {0, 1}, 0.5)),
        new PlotOptions("ROC", 800, 600));
    BufferedImage image = read(file);
    assertEquals(800, image.getWidth());
    assertEquals(600, image.getHeight());
    assertEquals(List.of(file), files());
  }

  @Test
  void confusionMatrixPngHasTheAskedSizeAndReplacesAnOldFile() throws IOException {
    Path file = folder.resolve("confusion.png");
    Files.writeString(file, "an old file");
    ConfusionChart.save(file, new double[][] {{50, 2, 0}, {3, 40, 7}, {0, 5, 45}}, List.of("cat", "dog", "fox"),
        PlotOptions.titled("confusion"));
    BufferedImage image = read(file);
    assertEquals(640, image.getWidth());
    assertEquals(480, image.getHeight());
    assertEquals(List.of(file), files());
  }

  @Test
  void historyPngWithAndWithoutAccuracyAndValidationScores() throws IOException {
    double[] losses = {1.2, 0.4, 0.3};
    double[] accuracies = {0.7, 0.95, 1};
    Path all = HistoryChart.save(folder.resolve("h.png"), losses, accuracies, new double[] {0.8, 0.9, 0.92},
        "accuracy", new PlotOptions("history", 500, 300));
    assertEquals(500, ImageIO.read(all.toFile()).getWidth());
    Path trainingOnly = HistoryChart.save(folder.resolve("t.png"), losses, accuracies, null, "",
        PlotOptions.titled("training"));
    assertEquals(640, ImageIO.read(trainingOnly.toFile()).getWidth());
    Path lossOnly = HistoryChart.save(folder.resolve("loss.png"), losses, null, null, "", PlotOptions.titled("loss"));
    assertEquals(480, ImageIO.read(lossOnly.toFile()).getHeight());
    KilnException error = assertThrows(KilnException.class, () -> HistoryChart.save(folder.resolve("x.png"), losses,
        null, new double[] {1}, "accuracy", PlotOptions.titled("")));
    assertTrue(error.getMessage().contains("3 epoch losses but 1 validation scores"), error.getMessage());
    KilnException accuracy = assertThrows(KilnException.class, () -> HistoryChart.save(folder.resolve("x.png"),
        losses, new double[] {1, 1}, null, "", PlotOptions.titled("")));
    assertEquals("3 epoch losses but 2 training accuracies", accuracy.getMessage());
  }

  @Test
  void aFailedWriteGivesOneLineAndLeavesNoFile() throws IOException {
    Path missing = folder.resolve("no-such-folder").resolve("roc.png");
    KilnException noFolder = assertThrows(KilnException.class,
        () -> RocChart.save(missing, List.of(CURVE), PlotOptions.titled("")));
    assertEquals("cannot write " + missing + ": folder " + missing.getParent() + " does not exist; create it first",
        noFolder.getMessage());
    Path directory = Files.createDirectory(folder.resolve("taken.png"));
    Files.writeString(directory.resolve("inside"), "keeps the directory non-empty");
    KilnException taken = assertThrows(KilnException.class,
        () -> ConfusionChart.save(directory, new double[][] {{1}}, List.of("a"), PlotOptions.titled("")));
    assertEquals(1, taken.getMessage().lines().count(), taken.getMessage());
    assertEquals("cannot write " + directory + ": it is a folder; give a file name such as "
        + directory.resolve("plot.png"), taken.getMessage());
    assertEquals(List.of(directory), files(), "no temporary file is left");
    Path jpeg = folder.resolve("history.jpg");
    assertEquals("cannot write plot " + jpeg + ": plots are PNG images; give a file name ending in .png, such as "
        + "history.png", assertThrows(KilnException.class, () -> RocChart.save(jpeg, List.of(CURVE),
        PlotOptions.titled(""))).getMessage());
  }

  @Test
  void badInputGivesOneLineErrors() {
    assertThrows(KilnException.class, () -> new PlotOptions("", 50, 480));
    assertEquals("ROC curve 'm' point 1 (1.5, 1.0) is outside [0, 1]; pass rates such as roc-curve's fpr and tpr",
        assertThrows(KilnException.class, () -> new RocChart.Curve("m", new double[] {0, 1.5},
            new double[] {0, 1}, 0.5)).getMessage());
    assertEquals("confusion matrix row 1 has 1 values, not 2", assertThrows(KilnException.class,
        () -> ConfusionChart.save(folder.resolve("c.png"), new double[][] {{1, 2}, {3}}, List.of("a", "b"),
            PlotOptions.titled(""))).getMessage());
    assertFalse(Files.exists(folder.resolve("c.png")));
  }

  private List<Path> files() throws IOException {
    try (Stream<Path> list = Files.list(folder)) {
      return list.sorted().toList();
    }
  }
}
