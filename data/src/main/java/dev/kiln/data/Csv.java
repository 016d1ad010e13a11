package dev.kiln.data;

import dev.kiln.api.KilnException;
import dev.kiln.api.Names;
import dev.kiln.api.data.Dataset;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads a CSV file (UTF-8, RFC 4180 quoting) into a {@link Dataset}: every feature column must be numeric
 * and becomes a float64 column; the label column may be numeric (regression targets or class ids, kept as
 * given) or text (class names, mapped to indices {@code 0..k-1} in sorted order and kept as class names), but
 * not numbers mixed with text, which is usually a missing value such as {@code ?}. Blank lines are skipped.
 * Every error is one line naming {@code file:line} and the fix.
 *
 * <pre>{@code
 * Dataset iris = Csv.read(Path.of("iris.csv"), CsvOptions.labelled("species"));
 * }</pre>
 */
public final class Csv {
  private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  private Csv() {}

  /** Reads {@code path}, which is named as given in error messages. */
  public static Dataset read(Path path, CsvOptions options) {
    String source = path.toString();
    if (!Files.isRegularFile(path)) {
      throw new KilnException(Files.isDirectory(path) ? source + " is a folder, not a CSV file"
          : "no such file: " + source);
    }
    try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      return read(reader, source, options);
    } catch (IOException e) {
      throw new KilnException("cannot read " + source + ": " + e, e);
    }
  }

  /** Reads CSV text from {@code reader}; {@code sourceName} names it in error messages. */
  public static Dataset read(Reader reader, String sourceName, CsvOptions options) {
    CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(options.delimiter()).setIgnoreEmptyLines(true).get();
    List<String> columns = null;
    int labelColumn = -1;
    List<double[]> features = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    List<Long> labelLines = new ArrayList<>();
    long line = 0;
    try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
      try {
        for (CSVRecord record : parser) {
          line = parser.getCurrentLineNumber();
          String[] values = record.values();
          if (values.length == 1 && values[0].isBlank()) {
            continue;
          }
          if (columns == null) {
            values[0] = values[0].replace("\uFEFF", "");
            columns = options.header() ? header(values, sourceName, line)
                : IntStream.range(0, values.length).mapToObj(i -> "c" + i).toList();
            labelColumn = labelColumn(columns, sourceName, options.label());
            if (options.header()) {
              continue;
            }
          }
          if (values.length != columns.size()) {
            throw new KilnException(sourceName + ":" + line + ": expected " + columns.size() + " fields, found "
                + values.length + (options.delimiter() == ',' ? "" : " (delimiter '" + options.delimiter() + "')"));
          }
          features.add(row(values, columns, labelColumn, sourceName, line, options.label() == null));
          if (labelColumn >= 0) {
            labels.add(values[labelColumn].strip());
            labelLines.add(line);
          }
        }
      } catch (UncheckedIOException e) {
        throw unreadable(sourceName, parser.getCurrentLineNumber(), e.getCause());
      }
    } catch (IOException e) {
      throw unreadable(sourceName, line, e);
    }
    if (columns == null) {
      throw new KilnException(sourceName + ": the file is empty; expected "
          + (options.header() ? "a header line, then " : "") + "rows of values");
    }
    if (features.isEmpty()) {
      throw new KilnException(sourceName + ": no data rows after the header line");
    }
    List<String> featureNames = new ArrayList<>(columns);
    if (labelColumn >= 0) {
      featureNames.remove(labelColumn);
    }
    INDArray x = Nd4j.createFromArray(features.toArray(double[][]::new));
    if (labelColumn < 0) {
      return Dataset.unlabelled(x).withFeatureNames(featureNames);
    }
    long numbers = labels.stream().filter(Csv::isNumber).count();
    if (numbers > 0 && numbers < labels.size()) {
      boolean mostlyNumbers = 2 * numbers >= labels.size();   // name the odd one out
      int first = IntStream.range(0, labels.size()).filter(i -> isNumber(labels.get(i)) != mostlyNumbers)
          .findFirst().orElseThrow();
      throw new KilnException(sourceName + ":" + labelLines.get(first) + ": the label column '" + options.label()
          + "' holds " + (mostlyNumbers ? "numbers" : "class names") + " and also '" + labels.get(first) + "'"
          + (mostlyNumbers ? " (a missing value?)" : "") + "; fix or drop that row, or give every class a name "
          + "that is not a number");
    }
    boolean numeric = numbers == labels.size();
    INDArray y = labelArray(labels, numeric, sourceName, labelLines);
    Dataset data = Dataset.of(x, y).withFeatureNames(featureNames);
    return numeric ? data : data.withClassNames(List.copyOf(new TreeSet<>(labels)));
  }

  private static List<String> header(String[] values, String source, long line) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      String name = values[i].strip();
      if (name.isEmpty()) {
        throw new KilnException(source + ":" + line + ": column " + (i + 1) + " has no name in the header line; "
            + "name it, or read the file with {header: false}");
      }
      if (names.contains(name)) {
        throw new KilnException(source + ":" + line + ": column '" + name + "' appears twice in the header line; "
            + "rename one");
      }
      names.add(name);
    }
    return List.copyOf(names);
  }

  private static int labelColumn(List<String> columns, String source, String label) {
    if (label == null) {
      return -1;
    }
    int index = columns.indexOf(label);
    if (index < 0) {
      throw new KilnException(source + ": no label column '" + label + "'"
          + Names.suggestion(columns.contains("c" + label) ? "c" + label : label, columns)
          + "; columns: " + String.join(", ", columns) + delimiterHint(columns));
    }
    if (columns.size() == 1) {
      throw new KilnException(source + ": the label column '" + label + "' is the only column: no features left");
    }
    return index;
  }

  /** A hint when the header was read as one column that holds another common delimiter, else "". */
  private static String delimiterHint(List<String> columns) {
    for (String delimiter : List.of(";", "\t", "|")) {
      if (columns.size() == 1 && columns.get(0).contains(delimiter)) {
        String shown = delimiter.equals("\t") ? "\\t" : delimiter;
        return " (the header is one column holding '" + shown + "': read the file with that delimiter, "
            + "{delimiter: '" + shown + "'} in the shell, CsvOptions.withDelimiter in Java)";
      }
    }
    return "";
  }

  /** The feature values of one row; fails on an empty field or a non-numeric feature. */
  private static double[] row(String[] values, List<String> columns, int labelColumn, String source, long line,
      boolean unlabelled) {
    double[] out = new double[labelColumn < 0 ? values.length : values.length - 1];
    for (int j = 0, k = 0; j < values.length; j++) {
      String value = values[j].strip();
      if (value.isEmpty()) {
        throw new KilnException(source + ":" + line + ": column '" + columns.get(j) + "' is empty; "
            + "fill in or drop rows with missing values");
      }
      if (j == labelColumn) {
        continue;
      }
      if (!isNumber(value)) {
        throw new KilnException(source + ":" + line + ": feature column '" + columns.get(j) + "' is not numeric ('"
            + value + "'): drop it or encode it as numbers" + (unlabelled
            ? ", or read it as the label with {label: '" + columns.get(j) + "'}" : ""));
      }
      double number = Double.parseDouble(value);
      if (Double.isInfinite(number)) {
        throw beyondRange(source, line, "feature column '" + columns.get(j) + "'", value);
      }
      out[k++] = number;
    }
    return out;
  }

  /**
   * Numeric labels as given (refusing one beyond the float64 range, with its line in {@code lines}); text labels
   * as indices of their sorted distinct values.
   */
  private static INDArray labelArray(List<String> labels, boolean numeric, String source, List<Long> lines) {
    if (numeric) {
      double[] values = labels.stream().mapToDouble(Double::parseDouble).toArray();
      for (int i = 0; i < values.length; i++) {
        if (Double.isInfinite(values[i])) {
          throw beyondRange(source, lines.get(i), "the label column", labels.get(i));
        }
      }
      return Nd4j.createFromArray(values);
    }
    List<String> classes = List.copyOf(new TreeSet<>(labels));
    Map<String, Integer> index = IntStream.range(0, classes.size()).boxed()
        .collect(Collectors.toMap(classes::get, Function.identity()));
    return Nd4j.createFromArray(labels.stream().mapToDouble(index::get).toArray());
  }

  /** A plain decimal number such as {@code -1.5e3} (not {@code NaN}, {@code Infinity}, hex or {@code 1d}). */
  static boolean isNumber(String s) {
    return NUMBER.matcher(s).matches();
  }

  private static KilnException beyondRange(String source, long line, String column, String value) {
    return new KilnException(source + ":" + line + ": " + column + " holds " + value + ", beyond the float64 range "
        + "(about 1.8e308); rescale the column");
  }

  private static KilnException unreadable(String source, long line, Throwable cause) {
    String why = cause instanceof CharacterCodingException ? "not UTF-8 text; save it as UTF-8"
        : "malformed CSV (" + String.valueOf(cause.getMessage()).replaceAll("\\s+", " ").strip()
        + "); check the quotes";
    return new KilnException(source + ":" + Math.max(1, line) + ": " + why, cause);
  }
}
