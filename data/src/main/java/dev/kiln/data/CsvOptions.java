package dev.kiln.data;

import dev.kiln.api.KilnException;

/**
 * How {@link Csv} reads a file: which column holds the labels ({@code null} for unlabelled data), whether
 * the first line is a header (without one, columns are named {@code c0, c1, ...}), and the field delimiter.
 * Immutable; the {@code with...} methods return copies.
 *
 * @param label the label column's name, such as {@code "species"} or {@code "c4"}; {@code null} for none
 * @param header whether the first line names the columns (default {@code true})
 * @param delimiter the field separator (default {@code ','}); not a quote or a line break
 */
public record CsvOptions(String label, boolean header, char delimiter) {
  /**
   * Checks that {@code label} names a column and that {@code delimiter} can separate fields.
   *
   * @throws KilnException when {@code label} is blank or {@code delimiter} is a quote or a line break
   */
  public CsvOptions {
    if (label != null && label.isBlank()) {
      throw new KilnException("label must name a column, or be null for unlabelled data; got '" + label + "'");
    }
    if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
      throw new KilnException("delimiter " + (delimiter == '"' ? "'\"'" : "a line break")
          + " is not allowed: use ',', ';', '\\t' or '|'");
    }
  }

  /** Unlabelled, with a header, comma-separated. */
  public static CsvOptions defaults() {
    return new CsvOptions(null, true, ',');
  }

  /** Labels in column {@code label}, with a header, comma-separated. */
  public static CsvOptions labelled(String label) {
    return defaults().withLabel(label);
  }

  /** A copy that reads the labels from column {@code label}; {@code null} reads the data unlabelled. */
  public CsvOptions withLabel(String label) {
    return new CsvOptions(label, header, delimiter);
  }

  /** A copy that reads the first line as column names ({@code true}) or as data, naming columns {@code c0, c1, ...}. */
  public CsvOptions withHeader(boolean header) {
    return new CsvOptions(label, header, delimiter);
  }

  /** A copy that splits fields at {@code delimiter}, such as {@code ';'} or {@code '\t'}, not a quote or line break. */
  public CsvOptions withDelimiter(char delimiter) {
    return new CsvOptions(label, header, delimiter);
  }
}
