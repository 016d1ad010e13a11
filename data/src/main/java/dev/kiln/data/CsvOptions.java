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

  public CsvOptions withLabel(String label) {
    return new CsvOptions(label, header, delimiter);
  }

  public CsvOptions withHeader(boolean header) {
    return new CsvOptions(label, header, delimiter);
  }

  public CsvOptions withDelimiter(char delimiter) {
    return new CsvOptions(label, header, delimiter);
  }
}
