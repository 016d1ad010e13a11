package dev.kiln.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.KilnException;
import dev.kiln.api.data.Dataset;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

class CsvTest {
  private static final String IRIS = """
      sepal_length,sepal_width,petal_length,petal_width,species
      5.1,3.5,1.4,0.2,setosa
      7.0,3.2,4.7,1.4,versicolor
      6.3,3.3,6.0,2.5,virginica
      4.9,3.0,1.4,0.2,setosa
      """;

  @TempDir
  Path dir;

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  /** Reads {@code text} from a file {@code name} and expects a one-line error starting with {@code prefix}. */
  private String error(String name, String text, CsvOptions options, String prefix) throws IOException {
    Path file = write(name, text);
    KilnException e = assertThrows(KilnException.class, () -> Csv.read(file, options));
    assertEquals(1, e.getMessage().lines().count(), "not one line: " + e.getMessage());
    assertTrue(e.getMessage().startsWith(file + prefix), "expected '" + file + prefix + "...', got: "
        + e.getMessage());
    return e.getMessage();
  }

  private static double[] row(Dataset data, int i) {
    return data.features().getRow(i).toDoubleVector();
  }

  @Test
  void textLabelsBecomeSortedClassIndices() throws IOException {
    Dataset data = Csv.read(write("iris.csv", IRIS), CsvOptions.labelled("species"));
    assertEquals(4, data.size());
    assertEquals(4, data.numFeatures());
    assertEquals(DataType.DOUBLE, data.features().dataType());
    assertEquals(List.of("sepal_length", "sepal_width", "petal_length", "petal_width"), data.featureNames());
    assertEquals(List.of("setosa", "versicolor", "virginica"), data.classNames());
    assertArrayEquals(new double[] {0, 1, 2, 0}, data.labels().toDoubleVector());
    assertArrayEquals(new double[] {7.0, 3.2, 4.7, 1.4}, row(data, 1));
  }

  @Test
  void textLabelsAreSortedNotInOrderOfAppearance() {
    Dataset data = Csv.read(new StringReader("x,y\n1,zebra\n2,ant\n3,mole\n4,ant\n"), "animals.csv",
        CsvOptions.labelled("y"));
    assertEquals(List.of("ant", "mole", "zebra"), data.classNames());
    assertArrayEquals(new double[] {2, 0, 1, 0}, data.labels().toDoubleVector());
  }

  @Test
  void numericLabelsAreKeptAsGiven() {
    Dataset data = Csv.read(new StringReader("a,b,target\n1,2,0.5\n3,4,-1.25e1\n5,6,7\n"), "reg.csv",
        CsvOptions.labelled("target"));
    assertArrayEquals(new double[] {0.5, -12.5, 7}, data.labels().toDoubleVector());
    assertEquals(List.of(), data.classNames());
    assertEquals(List.of("a", "b"), data.featureNames());
    assertArrayEquals(new double[] {3, 4}, row(data, 1));
  }

  @Test
  void theLabelColumnMayBeAnyColumn() {
    Dataset data = Csv.read(new StringReader("id,x\n2,1.5\n0,2.5\n"), "first.csv", CsvOptions.labelled("id"));
    assertArrayEquals(new double[] {2, 0}, data.labels().toDoubleVector());
    assertEquals(List.of("x"), data.featureNames());
    assertArrayEquals(new double[] {1.5, 2.5}, data.features().reshape(2).toDoubleVector());
  }

  @Test
  void unlabelledDataKeepsEveryColumnAsAFeature() {
    Dataset data = Csv.read(new StringReader("a,b\n1,2\n3,4\n"), "u.csv", CsvOptions.defaults());
    assertFalse(data.hasLabels());
    assertEquals(List.of("a", "b"), data.featureNames());
    assertEquals(2, data.numFeatures());
  }

  @Test
  void withoutAHeaderColumnsAreNamedC0C1() {
    Dataset data = Csv.read(new StringReader("5.1,3.5,setosa\n6.3,3.3,virginica\n"), "nohead.csv",
        new CsvOptions("c2", false, ','));
    assertEquals(2, data.size(), "the first line is data");
    assertEquals(List.of("c0", "c1"), data.featureNames());
    assertEquals(List.of("setosa", "virginica"), data.classNames());
    assertArrayEquals(new double[] {5.1, 3.5}, row(data, 0));
  }

  @Test
  void aSemicolonDelimiter() {
    Dataset data = Csv.read(new StringReader("a;b;y\n1.5;2;yes\n3;4;no\n"), "semi.csv",
        CsvOptions.labelled("y").withDelimiter(';'));
    assertEquals(List.of("no", "yes"), data.classNames());
    assertEquals(List.of("a", "b"), data.featureNames());
    KilnException e = assertThrows(KilnException.class, () -> Csv.read(new StringReader("a;b\n1,5;2\n"),
        "semi.csv", CsvOptions.defaults().withDelimiter(';')));
    assertTrue(e.getMessage().startsWith("semi.csv:2: feature column 'a' is not numeric ('1,5')"), e.getMessage());
    KilnException comma = assertThrows(KilnException.class, () -> Csv.read(new StringReader("a;b;y\n1;2;3\n"),
        "semi.csv", CsvOptions.labelled("y")));
    assertEquals("semi.csv: no label column 'y'; columns: a;b;y (the header is one column holding ';': read the "
        + "file with that delimiter, {delimiter: ';'} in the shell, CsvOptions.withDelimiter in Java)",
        comma.getMessage());
  }

  @Test
  void quotedFieldsMayHoldCommasAndQuotes() {
    Dataset data = Csv.read(new StringReader("\"x, first\",x2,label\n1,\"2\",\"New York, NY\"\n"
        + "3,4,\"say \"\"hi\"\"\"\n"), "quoted.csv", CsvOptions.labelled("label"));
    assertEquals(List.of("x, first", "x2"), data.featureNames());
    assertEquals(List.of("New York, NY", "say \"hi\""), data.classNames());
    assertArrayEquals(new double[] {1, 2}, row(data, 0));
  }

  @Test
  void blankLinesSurroundingSpacesCrlfAndAByteOrderMarkAreTolerated() throws IOException {
    Path file = dir.resolve("messy.csv");
    Files.write(file, "\uFEFFa, b ,y\r\n\r\n 1 , 2 ,up\r\n3,4, down \r\n\r\n".getBytes(StandardCharsets.UTF_8));
    Dataset data = Csv.read(file, CsvOptions.labelled("y"));
    assertEquals(List.of("a", "b"), data.featureNames());
    assertEquals(List.of("down", "up"), data.classNames());
    assertArrayEquals(new double[] {1, 2}, row(data, 0));
  }

  @Test
  void aRowWithTheWrongNumberOfFieldsNamesFileAndLine() throws IOException {
    String text = IRIS + "6.5,3.0,5.2,virginica\n";
    String message = error("iris.csv", text, CsvOptions.labelled("species"), ":6: expected 5 fields, found 4");
    assertTrue(message.endsWith("found 4"), message);
  }

  @Test
  void lineNumbersCountBlankLinesAndTheHeader() throws IOException {
    error("gaps.csv", "a,b\n\n1,2\n\n\n3\n", CsvOptions.defaults(), ":6: expected 2 fields, found 1");
    error("nohead.csv", "1,2\n3\n", new CsvOptions(null, false, ','), ":2: expected 2 fields, found 1");
  }

  @Test
  void anEmptyValueNamesItsColumn() throws IOException {
    String text = IRIS.replace("6.3,3.3,6.0,2.5", "6.3,3.3,6.0,");
    error("iris.csv", text, CsvOptions.labelled("species"), ":4: column 'petal_width' is empty");
    error("iris.csv", IRIS.replace("4.9,3.0,1.4,0.2,setosa", "4.9,3.0,1.4,0.2,  "),
        CsvOptions.labelled("species"), ":5: column 'species' is empty");
  }

  @Test
  void numericLabelsWithATextValueAreRejectedNotReadAsClasses() throws IOException {
    error("prices.csv", "x,y\n1,1.5\n2,2.5\n3,?\n4,10\n", CsvOptions.labelled("y"),
        ":4: the label column 'y' holds numbers and also '?' (a missing value?); fix or drop that row, or give "
            + "every class a name that is not a number");
    error("colours.csv", "x,y\n1,red\n2,blue\n3,red\n4,7\n", CsvOptions.labelled("y"),
        ":5: the label column 'y' holds class names and also '7'; fix or drop that row, or give every class a name "
            + "that is not a number");
    error("huge.csv", "x,y\n1,2\n2,1e400\n", CsvOptions.labelled("y"), ":3: the label column holds 1e400, beyond "
        + "the float64 range (about 1.8e308); rescale the column");
  }

  @Test
  void aTextFeatureColumnIsRejectedWithAFix() throws IOException {
    String message = error("iris.csv", IRIS, CsvOptions.defaults(), ":2: feature column 'species' is not numeric");
    assertTrue(message.contains("drop it or encode it"), message);
    assertTrue(message.contains("{label: 'species'}"), message);
    message = error("colours.csv", "colour,x,y\nred,1,2\n", CsvOptions.labelled("y"),
        ":2: feature column 'colour' is not numeric ('red'): drop it or encode it as numbers");
    assertFalse(message.contains("{label"), message);
    error("nan.csv", "x,y\n1,2\nNaN,3\n", CsvOptions.labelled("y"), ":3: feature column 'x' is not numeric ('NaN')");
    error("huge.csv", "x,y\n1,2\n1e400,3\n", CsvOptions.labelled("y"), ":3: feature column 'x' holds 1e400, beyond "
        + "the float64 range (about 1.8e308); rescale the column");
  }

  @Test
  void anUnknownLabelColumnSuggestsAndListsTheColumns() throws IOException {
    String message = error("iris.csv", IRIS, CsvOptions.labelled("specie"), ": no label column 'specie'");
    assertTrue(message.contains("(did you mean 'species'?)"), message);
    assertTrue(message.endsWith("columns: sepal_length, sepal_width, petal_length, petal_width, species"), message);
    message = error("nohead.csv", "1,2,3\n", new CsvOptions("2", false, ','), ": no label column '2'");
    assertTrue(message.contains("(did you mean 'c2'?)"), message);
    assertTrue(message.endsWith("columns: c0, c1, c2"), message);
  }

  @Test
  void aMissingFileIsNamed() {
    Path missing = dir.resolve("x.csv");
    KilnException e = assertThrows(KilnException.class, () -> Csv.read(missing, CsvOptions.defaults()));
    assertEquals("no such file: " + missing, e.getMessage());
    e = assertThrows(KilnException.class, () -> Csv.read(dir, CsvOptions.defaults()));
    assertEquals(dir + " is a folder, not a CSV file", e.getMessage());
  }

  @Test
  void anEmptyFileAndAHeaderWithoutRows() throws IOException {
    error("empty.csv", "", CsvOptions.defaults(), ": the file is empty");
    error("blank.csv", "\n  \n\n", CsvOptions.defaults(), ": the file is empty");
    error("header.csv", "a,b,c\n", CsvOptions.labelled("c"), ": no data rows after the header line");
  }

  @Test
  void headerProblems() throws IOException {
    error("dup.csv", "a,b,a\n1,2,3\n", CsvOptions.defaults(), ":1: column 'a' appears twice in the header line");
    error("noname.csv", "a,,c\n1,2,3\n", CsvOptions.defaults(), ":1: column 2 has no name");
    error("only.csv", "y\n1\n", CsvOptions.labelled("y"), ": the label column 'y' is the only column");
  }

  @Test
  void malformedQuotingAndNonUtf8AreOneLineErrors() throws IOException {
    error("quote.csv", "a,b\n1,\"2\n3,4\n", CsvOptions.defaults(), ":");
    Path latin1 = dir.resolve("latin1.csv");
    Files.write(latin1, "a,y\n1,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    KilnException e = assertThrows(KilnException.class, () -> Csv.read(latin1, CsvOptions.labelled("y")));
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    assertTrue(e.getMessage().startsWith(latin1 + ":") && e.getMessage().contains("not UTF-8"), e.getMessage());
  }

  @Test
  void optionsAreValidated() {
    assertEquals(new CsvOptions(null, true, ','), CsvOptions.defaults());
    assertEquals(new CsvOptions("y", false, '\t'), CsvOptions.labelled("y").withHeader(false).withDelimiter('\t'));
    KilnException e = assertThrows(KilnException.class, () -> new CsvOptions(" ", true, ','));
    assertEquals(1, e.getMessage().lines().count());
    e = assertThrows(KilnException.class, () -> new CsvOptions(null, true, '"'));
    assertTrue(e.getMessage().contains("not allowed"), e.getMessage());
    assertThrows(KilnException.class, () -> new CsvOptions(null, true, '\n'));
  }

  @Test
  void numbersAreParsedStrictly() {
    for (String s : List.of("1", "-2.5", "+3", ".5", "5.", "1e3", "-1.5E-2")) {
      assertTrue(Csv.isNumber(s), s);
    }
    for (String s : List.of("", "NaN", "Infinity", "1d", "0x10", "1,5", "e", "-", ".", "1 2", "1e")) {
      assertFalse(Csv.isNumber(s), s);
    }
  }
}
