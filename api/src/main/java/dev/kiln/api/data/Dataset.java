package dev.kiln.api.data;

import dev.kiln.api.KilnException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * Features {@code [n, d]} and, for supervised learning, labels ({@code [n]} or {@code [n, k]}), with
 * optional feature and class names. Immutable: shuffles, splits and selections return new data sets.
 *
 * <p>All randomness takes an explicit seed and uses {@link Random}, so splits and batch orders are the same
 * on every machine.
 */
public final class Dataset {
  private final INDArray features;
  private final INDArray labels;
  private final List<String> featureNames;
  private final List<String> classNames;

  private Dataset(INDArray features, INDArray labels, List<String> featureNames, List<String> classNames) {
    if (features.rank() != 2) {
      throw new KilnException("features must be a matrix [rows, columns], got shape "
          + Arrays.toString(features.shape()) + "; reshape it to [n, d]");
    }
    if (labels != null && labels.size(0) != features.size(0)) {
      throw new KilnException("features and labels differ in rows: features " + Arrays.toString(features.shape())
          + ", labels " + Arrays.toString(labels.shape()) + "; give one label per row");
    }
    if (!featureNames.isEmpty() && featureNames.size() != features.size(1)) {
      throw new KilnException(featureNames.size() + " feature names for " + features.size(1) + " columns");
    }
    this.features = features;
    this.labels = labels;
    this.featureNames = List.copyOf(featureNames);
    this.classNames = List.copyOf(classNames);
  }

  /** A labelled data set. */
  public static Dataset of(INDArray features, INDArray labels) {
    return new Dataset(features, labels, List.of(), List.of());
  }

  /** An unlabelled data set, for clustering and transforms. */
  public static Dataset unlabelled(INDArray features) {
    return new Dataset(features, null, List.of(), List.of());
  }

  /**
   * Next-token pairs from a token sequence: row {@code i} has feature {@code tokens[i]} and label
   * {@code tokens[i + 1]}, the training data of a bigram language model.
   */
  public static Dataset nextToken(int[] tokens) {
    if (tokens.length < 2) {
      throw new KilnException("a token sequence of " + tokens.length + " tokens has no next-token pairs: "
          + "give at least 2 tokens");
    }
    int n = tokens.length - 1;
    double[] current = new double[n];
    double[] next = new double[n];
    for (int i = 0; i < n; i++) {
      current[i] = tokens[i];
      next[i] = tokens[i + 1];
    }
    return of(Nd4j.createFromArray(current).reshape(n, 1), Nd4j.createFromArray(next));
  }

  /** A copy with column names (one per feature column). */
  public Dataset withFeatureNames(List<String> names) {
    return new Dataset(features, labels, names, classNames);
  }

  /** A copy with class names: label value {@code i} means {@code names.get(i)}. */
  public Dataset withClassNames(List<String> names) {
    return new Dataset(features, labels, featureNames, names);
  }

  /** The features {@code [n, d]}, one row per example: the array itself, not a copy, so do not change it. */
  public INDArray features() {
    return features;
  }

  /** The labels; fails with a clear message when the data set has none. */
  public INDArray labels() {
    if (labels == null) {
      throw new KilnException("this data set has no labels: supervised models need a label column (the option "
          + "label when reading a CSV: {label: 'column'} in the shell, CsvOptions.labelled(\"column\") in Java)");
    }
    return labels;
  }

  /** Whether the data set has labels; without them {@link #labels()} fails. */
  public boolean hasLabels() {
    return labels != null;
  }

  /** The column names, one per feature column; empty when none were given. */
  public List<String> featureNames() {
    return featureNames;
  }

  /** The class names, {@code get(i)} naming label value {@code i}; empty when none were given. */
  public List<String> classNames() {
    return classNames;
  }

  /** The number of rows. */
  public int size() {
    return (int) features.size(0);
  }

  /** The number of feature columns. */
  public int numFeatures() {
    return (int) features.size(1);
  }

  /** The rows at {@code indices}, in that order (one gather per array). */
  public Dataset select(int[] indices) {
    Batch rows = gathered(indices, null);
    return new Dataset(rows.features(), rows.labels(), featureNames, classNames);
  }

  /** The rows at {@code indices} as a batch: copied into {@code into}'s arrays, or into new ones when it is null. */
  private Batch gathered(int[] indices, Batch into) {
    return new Batch(rows(features, indices, into == null ? null : into.features()),
        labels == null ? null : rows(labels, indices, into == null ? null : into.labels()));
  }

  /**
   * The rows of {@code array} at {@code indices}: copied into the first rows of {@code into} (a buffer of at
   * least that many rows made by an earlier call, or {@code null} for a new array) and returned as a view.
   */
  private static INDArray rows(INDArray array, int[] indices, INDArray into) {
    long rowLength = array.rank() == 1 ? 1 : array.length() / Math.max(1, array.size(0));
    long bytes = array.length() * array.dataType().width();
    // the whole buffer in row order (a reshaped array counts as a view, yet qualifies)
    boolean plain = array.ordering() == 'c' && array.elementWiseStride() == 1 && array.offset() == 0
        && array.data().length() == array.length() && bytes <= Integer.MAX_VALUE && !array.isEmpty();
    if (plain) {
      // one bulk copy per row between the native buffers: several times faster than pullRows on large sets
      long[] shape = array.shape().clone();
      shape[0] = indices.length;
      INDArray out = into == null ? Nd4j.createUninitialized(array.dataType(), shape, 'c')
          : indices.length == into.size(0) ? into : into.get(NDArrayIndex.interval(0, indices.length));
      ByteBuffer source = array.data().asNio();
      ByteBuffer target = out.data().asNio();
      int rowBytes = (int) (rowLength * array.dataType().width());
      for (int i = 0; i < indices.length; i++) {
        target.put(i * rowBytes, source, indices[i] * rowBytes, rowBytes);
      }
      return out;
    }
    if (array.rank() == 1) {
      return Nd4j.pullRows(array.reshape(array.length(), 1), 1, indices).reshape(indices.length);
    }
    return Nd4j.pullRows(array, 1, indices);
  }

  /** The rows in a seeded random order. */
  public Dataset shuffle(long seed) {
    return select(permutation(size(), seed));
  }

  /**
   * Splits into train and test parts, {@code trainFraction} of the rows going to train (rounded down, at
   * least one row to each part). With {@code stratify}, each class is split on its own (its share rounded to
   * the nearest row), so that every class keeps its proportion in both parts.
   */
  public Split split(double trainFraction, long seed, boolean stratify) {
    if (!(trainFraction > 0 && trainFraction < 1)) {
      throw new KilnException("split fraction " + trainFraction + " must be in (0, 1), e.g. 0.8");
    }
    if (size() < 2) {
      throw new KilnException("cannot split a data set of " + size() + " row(s): need at least 2");
    }
    List<Integer> train = new ArrayList<>();
    List<Integer> test = new ArrayList<>();
    if (stratify) {
      if (labels().rank() != 1) {
        throw new KilnException("stratify needs one class label per row, got labels of shape "
            + Arrays.toString(labels().shape()));
      }
      TreeMap<Double, List<Integer>> byClass = new TreeMap<>();
      double[] y = labels.castTo(DataType.DOUBLE).data().asDouble();
      for (int i = 0; i < y.length; i++) {
        byClass.computeIfAbsent(y[i], k -> new ArrayList<>()).add(i);
      }
      Random random = new Random(seed);
      for (List<Integer> rows : byClass.values()) {
        shuffleInPlace(rows, random);
        int cut = (int) Math.round(rows.size() * trainFraction);
        train.addAll(rows.subList(0, cut));
        test.addAll(rows.subList(cut, rows.size()));
      }
      train.sort(null);
      test.sort(null);
    } else {
      int[] order = permutation(size(), seed);
      int cut = Math.max(1, Math.min(size() - 1, (int) Math.floor(size() * trainFraction)));
      for (int i = 0; i < order.length; i++) {
        (i < cut ? train : test).add(order[i]);
      }
    }
    if (train.isEmpty() || test.isEmpty()) {
      throw new KilnException("split " + trainFraction + " of " + size() + " rows leaves an empty part; "
          + "use more rows or a fraction nearer 0.5");
    }
    return new Split(select(toArray(train)), select(toArray(test)));
  }

  /**
   * Mini-batches of {@code batchSize} rows (the last may be smaller), in a seeded random order when
   * {@code shuffle} (the order {@link #shuffle} gives), else in row order. A shuffled batch gathers its rows
   * into a new array when it is taken, so that no epoch-sized copy is made; an unshuffled batch is a view of
   * consecutive rows. Either way batches must be treated as read-only.
   */
  public Iterable<Batch> batches(int batchSize, boolean shuffle, long seed) {
    return batches(batchSize, shuffle, seed, false);
  }

  /**
   * The batches of {@link #batches}, except that every shuffled batch is gathered into the same buffers, made
   * for the first batch: a batch is valid only until the next is taken. For training loops, which are done
   * with a batch before they take the next; it spares them a new batch-sized native buffer per batch and the
   * page faults of filling it.
   */
  public Iterable<Batch> reusedBatches(int batchSize, boolean shuffle, long seed) {
    return batches(batchSize, shuffle, seed, true);
  }

  private Iterable<Batch> batches(int batchSize, boolean shuffle, long seed, boolean reuse) {
    if (batchSize < 1) {
      throw new KilnException("batch size " + batchSize + " must be at least 1");
    }
    int[] order = shuffle ? permutation(size(), seed) : null;
    return () -> new Iterator<>() {
      private int next;
      private Batch buffers;

      @Override
      public boolean hasNext() {
        return next < size();
      }

      @Override
      public Batch next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        int end = Math.min(size(), next + batchSize);
        Batch batch;
        if (order == null) {
          batch = rows(next, end);
        } else {
          batch = gathered(Arrays.copyOfRange(order, next, end), buffers);
          if (reuse && buffers == null) {
            buffers = batch;
          }
        }
        next = end;
        return batch;
      }
    };
  }

  /** Rows {@code [from, to)} as views. */
  private Batch rows(int from, int to) {
    INDArray x = features.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
    INDArray y = labels == null ? null : labels.rank() == 1 ? labels.get(NDArrayIndex.interval(from, to))
        : labels.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
    return new Batch(x, y);
  }

  /** The number of batches {@link #batches} yields. */
  public int batchCount(int batchSize) {
    return (size() + batchSize - 1) / batchSize;
  }

  /** Fails on the first NaN or infinite feature, naming its row and column. */
  public Dataset requireFinite() {
    requireFinite(features, "feature");
    if (labels != null) {
      requireFinite(labels, "label");
    }
    return this;
  }

  private void requireFinite(INDArray array, String what) {
    if (!BooleanIndexing.or(array, Conditions.notFinite())) {
      return; // one native pass; the row-by-row search below runs only to name the bad value
    }
    double[] values = array.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    long columns = array.rank() == 1 ? 1 : array.length() / array.size(0);
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        long row = i / columns;
        long column = i % columns;
        String name = what.equals("feature") && !featureNames.isEmpty() ? " '" + featureNames.get((int) column)
            + "'" : "";
        throw new KilnException(what + " at row " + row + ", column " + column + name + " is " + values[i]
            + ": drop or impute rows with missing values first");
      }
    }
  }

  /** A seeded Fisher–Yates permutation of {@code 0..n-1}. */
  static int[] permutation(int n, long seed) {
    List<Integer> order = new ArrayList<>(IntStream.range(0, n).boxed().toList());
    shuffleInPlace(order, new Random(seed));
    return toArray(order);
  }

  private static void shuffleInPlace(List<Integer> list, Random random) {
    for (int i = list.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      Integer swap = list.get(i);
      list.set(i, list.get(j));
      list.set(j, swap);
    }
  }

  private static int[] toArray(List<Integer> list) {
    return list.stream().mapToInt(Integer::intValue).toArray();
  }

  @Override
  public String toString() {
    return "Dataset[" + size() + " rows × " + numFeatures() + " features" + (labels == null ? ", unlabelled"
        : ", labels " + Arrays.toString(labels.shape())) + (classNames.isEmpty() ? "" : ", classes " + classNames)
        + "]";
  }

  /** The two parts of {@link #split}. */
  public record Split(Dataset train, Dataset test) {}
}
