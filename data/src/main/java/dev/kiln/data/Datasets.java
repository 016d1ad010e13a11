package dev.kiln.data;

import dev.kiln.api.KilnException;
import dev.kiln.api.Names;
import dev.kiln.api.data.Dataset;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;

/**
 * The small classification data sets shipped inside the data jar: scikit-learn 1.2's copies of UCI data sets,
 * loaded the way {@code sklearn.datasets.load_iris} and its siblings load them — same row order, features as
 * float64 columns with scikit-learn's feature names, labels as class indices {@code 0..k-1} with scikit-learn's
 * {@code target_names} as class names.
 *
 * <table>
 *   <caption>Built-in data sets</caption>
 *   <tr><th>name</th><th>rows × features</th><th>classes</th><th>scikit-learn loader</th></tr>
 *   <tr><td>{@code iris}</td><td>150 × 4</td><td>setosa, versicolor, virginica</td><td>load_iris</td></tr>
 *   <tr><td>{@code wine}</td><td>178 × 13</td><td>class_0, class_1, class_2</td><td>load_wine</td></tr>
 *   <tr><td>{@code breast-cancer}</td><td>569 × 30</td><td>malignant, benign</td><td>load_breast_cancer</td></tr>
 *   <tr><td>{@code digits}</td><td>1797 × 64</td><td>0 … 9</td><td>load_digits</td></tr>
 * </table>
 *
 * <p>The files are scikit-learn's, unchanged (gzip-compressed); their origin and licences are in the
 * {@code NOTICE} file beside them ({@code dev/kiln/data/NOTICE} in the jar). Each call parses the file afresh
 * with {@link Csv} and returns a new data set (milliseconds; digits, 115 000 values, about 0.1 s). Nothing is
 * downloaded.
 *
 * <pre>{@code
 * Dataset iris = Datasets.load("iris");   // 150 rows × 4 features, classes [setosa, versicolor, virginica]
 * }</pre>
 */
public final class Datasets {
  /**
   * One shipped file. {@code counted}: the file starts with scikit-learn's line
   * {@code n_samples,n_features,class name,...} (read by {@code load_csv_data}); otherwise it holds data rows
   * only and {@code classNames} are given here. Either way each row is the features, then the class index.
   */
  private record Builtin(String file, boolean counted, List<String> featureNames, List<String> classNames) {}

  private static final Map<String, Builtin> BUILTINS = new LinkedHashMap<>();

  static {
    BUILTINS.put("iris", new Builtin("iris.csv.gz", true, List.of(
        "sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"), null));
    BUILTINS.put("wine", new Builtin("wine_data.csv.gz", true, List.of(
        "alcohol", "malic_acid", "ash", "alcalinity_of_ash", "magnesium", "total_phenols", "flavanoids",
        "nonflavanoid_phenols", "proanthocyanins", "color_intensity", "hue", "od280/od315_of_diluted_wines",
        "proline"), null));
    BUILTINS.put("breast-cancer", new Builtin("breast_cancer.csv.gz", true, List.of(
        "mean radius", "mean texture", "mean perimeter", "mean area", "mean smoothness", "mean compactness",
        "mean concavity", "mean concave points", "mean symmetry", "mean fractal dimension",
        "radius error", "texture error", "perimeter error", "area error", "smoothness error", "compactness error",
        "concavity error", "concave points error", "symmetry error", "fractal dimension error",
        "worst radius", "worst texture", "worst perimeter", "worst area", "worst smoothness", "worst compactness",
        "worst concavity", "worst concave points", "worst symmetry", "worst fractal dimension"), null));
    // load_digits: 8×8 images flattened row by row, pixel counts 0..16; target_names = np.arange(10)
    BUILTINS.put("digits", new Builtin("digits.csv.gz", false,
        IntStream.range(0, 64).mapToObj(i -> "pixel_" + i / 8 + "_" + i % 8).toList(),
        IntStream.range(0, 10).mapToObj(Integer::toString).toList()));
  }

  private Datasets() {}

  /** The built-in data set names, in a fixed order: iris, wine, breast-cancer, digits. */
  public static List<String> names() {
    return List.copyOf(BUILTINS.keySet());
  }

  /**
   * Loads the built-in data set {@code name} (one of {@link #names()}); an unknown name fails with a
   * one-line {@link KilnException} suggesting the closest name and listing them all.
   */
  public static Dataset load(String name) {
    Builtin builtin = name == null ? null : BUILTINS.get(name);
    if (builtin == null) {
      throw new KilnException("no built-in data set '" + name + "'" + (name == null ? ""
          : Names.suggestion(name, BUILTINS.keySet())) + "; built-in data sets: " + Names.list(BUILTINS.keySet())
          + " (read your own with kiln.data.csv)");
    }
    InputStream resource = Datasets.class.getResourceAsStream(builtin.file());
    if (resource == null) {
      throw new KilnException("data set '" + name + "' is missing from the kiln-data jar (no resource "
          + builtin.file() + "); rebuild or reinstall Kiln");
    }
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(resource),
        StandardCharsets.UTF_8))) {
      return read(name, builtin, reader);
    } catch (IOException e) {
      throw new KilnException("cannot read built-in data set '" + name + "' (" + builtin.file() + "): " + e, e);
    } catch (NumberFormatException e) {
      throw corrupt(name, builtin, "its first line has a bad count (" + e.getMessage() + ")");
    }
  }

  private static Dataset read(String name, Builtin builtin, BufferedReader reader) throws IOException {
    int columns = builtin.featureNames().size();
    int rows = -1;
    List<String> classNames = builtin.classNames();
    if (builtin.counted()) {
      // scikit-learn's first line: n_samples, n_features, then the class names (plain words: no quoting)
      String[] counts = String.valueOf(reader.readLine()).split(",");
      if (counts.length < 3 || Integer.parseInt(counts[1].strip()) != columns) {
        throw corrupt(name, builtin, "its first line is " + Arrays.toString(counts));
      }
      rows = Integer.parseInt(counts[0].strip());
      classNames = Arrays.stream(counts, 2, counts.length).map(String::strip).toList();
    }
    // Without a header line Csv names the columns c0, c1, ...: the last one, c<columns>, holds the class index.
    Dataset data = Csv.read(reader, builtin.file(), new CsvOptions("c" + columns, false, ','));
    if (data.numFeatures() != columns || (rows >= 0 && data.size() != rows)) {
      throw corrupt(name, builtin, "it has " + data.size() + " rows × " + data.numFeatures() + " features");
    }
    double[] labels = data.labels().toDoubleVector();
    for (double label : labels) {
      if (label != Math.rint(label) || label < 0 || label >= classNames.size()) {
        throw corrupt(name, builtin, "it has class index " + label + " for " + classNames.size() + " classes");
      }
    }
    return data.withFeatureNames(builtin.featureNames()).withClassNames(classNames);
  }

  private static KilnException corrupt(String name, Builtin builtin, String why) {
    return new KilnException("built-in data set '" + name + "' (" + builtin.file() + ") is corrupt: " + why
        + "; rebuild or reinstall Kiln");
  }
}
