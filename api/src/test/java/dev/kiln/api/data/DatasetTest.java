package dev.kiln.api.data;

import static dev.kiln.api.Errors.expect;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DatasetTest {
  /** {@code n} rows: column 0 is the row id, column 1 is {@code 10 * id}; label is {@code id % classes}. */
  private static Dataset numbered(int n, int classes) {
    double[][] x = new double[n][2];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i][0] = i;
      x[i][1] = 10.0 * i;
      y[i] = i % classes;
    }
    return Dataset.of(Nd4j.createFromArray(x), Nd4j.createFromArray(y));
  }

  private static INDArray zeros(long... shape) {
    return Nd4j.zeros(DataType.DOUBLE, shape);
  }

  private static INDArray ones(long... shape) {
    return Nd4j.ones(DataType.DOUBLE, shape);
  }

  private static int[] ids(Dataset data) {
    return Arrays.stream(data.features().getColumn(0).toDoubleVector()).mapToInt(d -> (int) d).toArray();
  }

  /** Every row still has its own features and label, as {@link #numbered} made them. */
  private static void assertConsistent(Dataset data, int classes) {
    double[] x0 = data.features().getColumn(0).toDoubleVector();
    double[] x1 = data.features().getColumn(1).toDoubleVector();
    double[] y = data.labels().toDoubleVector();
    for (int i = 0; i < x0.length; i++) {
      assertEquals(10 * x0[i], x1[i], "features stay together");
      assertEquals(x0[i] % classes, y[i], "labels stay with their row");
    }
  }

  @Test
  void shapeMismatchesNameBothShapes() {
    INDArray x = zeros(3, 2);
    assertEquals("features and labels differ in rows: features [3, 2], labels [4]; give one label per row",
        expect(() -> Dataset.of(x, zeros(4))));
    expect(() -> Dataset.of(x, zeros(2, 5)), "features [3, 2], labels [2, 5]");
    expect(() -> Dataset.of(zeros(3), zeros(3)), "features must be a matrix", "got shape [3]");
    expect(() -> Dataset.unlabelled(zeros(2, 2, 2)), "got shape [2, 2, 2]");
    expect(() -> Dataset.of(x, zeros(3)).withFeatureNames(List.of("a")), "1 feature names for 2 columns");
  }

  @Test
  void accessors() {
    Dataset data = numbered(5, 2).withFeatureNames(List.of("id", "tenfold")).withClassNames(List.of("even", "odd"));
    assertEquals(5, data.size());
    assertEquals(2, data.numFeatures());
    assertTrue(data.hasLabels());
    assertEquals(List.of("id", "tenfold"), data.featureNames());
    assertEquals(List.of("even", "odd"), data.classNames());
    assertEquals("Dataset[5 rows × 2 features, labels [5], classes [even, odd]]", data.toString());
    Dataset unlabelled = Dataset.unlabelled(zeros(2, 3));
    assertFalse(unlabelled.hasLabels());
    assertEquals("Dataset[2 rows × 3 features, unlabelled]", unlabelled.toString());
    expect(unlabelled::labels, "this data set has no labels");
  }

  @Test
  void selectKeepsRowsLabelsAndNames() {
    Dataset data = numbered(6, 3).withFeatureNames(List.of("id", "tenfold"));
    Dataset picked = data.select(new int[] {4, 1, 4});
    assertArrayEquals(new int[] {4, 1, 4}, ids(picked));
    assertArrayEquals(new double[] {1, 1, 1}, picked.labels().toDoubleVector());
    assertArrayEquals(new long[] {3}, picked.labels().shape());
    assertEquals(List.of("id", "tenfold"), picked.featureNames());
    assertConsistent(picked, 3);

    Dataset oneHot = Dataset.of(Nd4j.createFromArray(new double[][] {{0}, {1}, {2}}),
        Nd4j.createFromArray(new double[][] {{1, 0}, {0, 1}, {1, 0}}));
    Dataset two = oneHot.select(new int[] {2, 1});
    assertArrayEquals(new double[] {1, 0}, two.labels().getRow(0).toDoubleVector());
    assertArrayEquals(new double[] {0, 1}, two.labels().getRow(1).toDoubleVector());
  }

  @Test
  void shuffleIsReproducibleWithASeed() {
    Dataset data = numbered(20, 2);
    Dataset a = data.shuffle(7);
    assertArrayEquals(ids(a), ids(data.shuffle(7)));
    assertFalse(Arrays.equals(ids(a), ids(data.shuffle(8))), "another seed, another order");
    assertFalse(Arrays.equals(ids(a), ids(data)), "shuffled");
    assertArrayEquals(IntStream.range(0, 20).toArray(), Arrays.stream(ids(a)).sorted().toArray(), "a permutation");
    assertConsistent(a, 2);
    assertArrayEquals(IntStream.range(0, 20).toArray(), ids(data), "the original is unchanged");
  }

  @Test
  void splitSizesAndDisjointness() {
    Dataset data = numbered(10, 2);
    Dataset.Split split = data.split(0.8, 3, false);
    assertEquals(8, split.train().size());
    assertEquals(2, split.test().size());
    Set<Integer> seen = new HashSet<>();
    for (int id : ids(split.train())) {
      assertTrue(seen.add(id));
    }
    for (int id : ids(split.test())) {
      assertTrue(seen.add(id), "row " + id + " in both parts");
    }
    assertEquals(10, seen.size());
    assertConsistent(split.train(), 2);
    assertConsistent(split.test(), 2);
    assertArrayEquals(ids(split.test()), ids(data.split(0.8, 3, false).test()), "reproducible");
    assertEquals(3, numbered(7, 2).split(0.5, 1, false).train().size(), "rounded down");
    assertEquals(1, numbered(3, 2).split(0.1, 1, false).train().size(), "at least one row each");
    assertEquals(2, numbered(3, 2).split(0.99, 1, false).train().size(), "at least one row each");
  }

  @Test
  void splitRejectsBadFractionsAndTinySets() {
    Dataset data = numbered(10, 2);
    expect(() -> data.split(1.0, 0, false), "split fraction 1.0 must be in (0, 1)");
    expect(() -> data.split(0, 0, false), "must be in (0, 1)");
    expect(() -> data.split(Double.NaN, 0, false), "must be in (0, 1)");
    expect(() -> numbered(1, 1).split(0.5, 0, false), "cannot split a data set of 1 row(s)");
    expect(() -> numbered(2, 2).split(0.5, 0, true), "leaves an empty part");
    expect(() -> Dataset.unlabelled(zeros(4, 1)).split(0.5, 0, true), "no labels");
    Dataset oneHot = Dataset.of(zeros(4, 1), zeros(4, 2));
    expect(() -> oneHot.split(0.5, 0, true), "stratify needs one class label per row", "[4, 2]");
  }

  @Test
  void stratifiedSplitKeepsProportions() {
    double[] y = new double[60];
    Arrays.fill(y, 40, 60, 1);
    double[][] x = new double[60][2];
    for (int i = 0; i < 60; i++) {
      x[i] = new double[] {i, 10.0 * i};
    }
    Dataset data = Dataset.of(Nd4j.createFromArray(x), Nd4j.createFromArray(y));
    Dataset.Split split = data.split(0.75, 11, true);
    assertEquals(45, split.train().size());
    assertEquals(15, split.test().size());
    assertEquals(15, count(split.train(), 1));
    assertEquals(30, count(split.train(), 0));
    assertEquals(5, count(split.test(), 1));
    assertEquals(10, count(split.test(), 0));
    Set<Integer> all = new HashSet<>();
    Arrays.stream(ids(split.train())).forEach(all::add);
    Arrays.stream(ids(split.test())).forEach(all::add);
    assertEquals(60, all.size(), "disjoint and complete");
    for (int i = 0; i < split.train().size(); i++) {
      int id = ids(split.train())[i];
      assertEquals(id < 40 ? 0 : 1, split.train().labels().getDouble(i), 0);
    }
  }

  private static long count(Dataset data, double label) {
    return Arrays.stream(data.labels().toDoubleVector()).filter(v -> v == label).count();
  }

  @Test
  void batchesCoverEveryRowOnceAndTheLastIsSmaller() {
    Dataset data = numbered(10, 2);
    for (boolean shuffle : new boolean[] {false, true}) {
      List<Integer> sizes = new ArrayList<>();
      List<Integer> rows = new ArrayList<>();
      for (Batch batch : data.batches(4, shuffle, 5)) {
        sizes.add(batch.size());
        assertEquals(batch.size(), batch.labels().length());
        Arrays.stream(batch.features().getColumn(0).toDoubleVector()).forEach(v -> rows.add((int) v));
      }
      assertEquals(List.of(4, 4, 2), sizes);
      assertEquals(IntStream.range(0, 10).boxed().toList(), rows.stream().sorted().toList());
      if (!shuffle) {
        assertEquals(IntStream.range(0, 10).boxed().toList(), rows, "row order without shuffling");
      }
    }
    assertEquals(3, data.batchCount(4));
    assertEquals(1, data.batchCount(100));
    assertEquals(10, data.batchCount(1));
    Iterable<Batch> batches = data.batches(3, true, 9);
    List<Integer> first = new ArrayList<>();
    List<Integer> second = new ArrayList<>();
    batches.forEach(b -> first.add((int) b.features().getDouble(0, 0)));
    batches.forEach(b -> second.add((int) b.features().getDouble(0, 0)));
    assertEquals(first, second, "an iterable that can be walked twice");
    expect(() -> data.batches(0, false, 0), "batch size 0 must be at least 1");
    Batch unlabelled = Dataset.unlabelled(zeros(3, 1)).batches(2, false, 0).iterator().next();
    assertEquals(null, unlabelled.labels());
  }

  @Test
  void reusedBatchesHoldTheSameRowsInOneBufferPair() {
    Dataset data = numbered(10, 2).select(new int[] {3, 1, 4, 0, 5, 9, 2, 6, 8, 7});
    List<Batch> fresh = new ArrayList<>();
    data.batches(4, true, 5).forEach(fresh::add);
    int i = 0;
    long firstAddress = -1;
    for (Batch batch : data.reusedBatches(4, true, 5)) {
      Batch expected = fresh.get(i++);
      assertEquals(expected.features(), batch.features());
      assertEquals(expected.labels(), batch.labels());
      long address = batch.features().data().address();
      firstAddress = firstAddress < 0 ? address : firstAddress;
      assertEquals(firstAddress, address, "batch " + i + " is gathered into the first batch's buffer");
    }
    assertEquals(3, i);
  }

  @Test
  void requireFiniteNamesRowAndColumn() {
    INDArray x = Nd4j.createFromArray(new double[][] {{1, 2}, {3, 4}, {5, Double.NaN}});
    Dataset data = Dataset.of(x, Nd4j.createFromArray(new double[] {0, 1, 0}));
    assertEquals("feature at row 2, column 1 is NaN: drop or impute rows with missing values first",
        expect(data::requireFinite));
    expect(() -> data.withFeatureNames(List.of("a", "b")).requireFinite(), "feature at row 2, column 1 'b' is NaN");
    Dataset badLabel = Dataset.of(ones(3, 2), Nd4j.createFromArray(new double[] {0, Double.POSITIVE_INFINITY, 0}));
    expect(badLabel::requireFinite, "label at row 1, column 0 is Infinity");
    Dataset fine = Dataset.of(ones(3, 2), zeros(3));
    assertEquals(fine, fine.requireFinite());
  }

  @Test
  void nextTokenPairs() {
    Dataset pairs = Dataset.nextToken(new int[] {3, 1, 4, 1, 5});
    assertEquals(4, pairs.size());
    assertEquals(1, pairs.numFeatures());
    assertArrayEquals(new double[] {3, 1, 4, 1}, pairs.features().reshape(4).toDoubleVector());
    assertArrayEquals(new double[] {1, 4, 1, 5}, pairs.labels().toDoubleVector());
    expect(() -> Dataset.nextToken(new int[] {7}), "a token sequence of 1 tokens has no next-token pairs");
    assertNotEquals(0, Dataset.nextToken(new int[] {0, 1}).size());
  }
}
