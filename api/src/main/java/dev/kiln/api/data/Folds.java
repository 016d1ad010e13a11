package dev.kiln.api.data;

import dev.kiln.api.KilnException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * K-fold cross-validation splits of rows {@code 0..n-1} with scikit-learn 1.2's semantics
 * ({@code sklearn.model_selection.KFold} and {@code StratifiedKFold}, in {@code sklearn/model_selection/_split.py}).
 * Every row is in exactly one test fold; each fold's train rows are all the others. Both index arrays of a
 * {@link Fold} are in increasing order, as scikit-learn returns them.
 *
 * <p>Without shuffling the folds equal scikit-learn's exactly. With {@code shuffle}, the randomness is Kiln's
 * own: a {@link Random}{@code (seed)} Fisher–Yates shuffle where scikit-learn uses numpy's generator, so the
 * folds are reproducible on every machine but differ from scikit-learn's for the same seed.
 *
 * <pre>{@code
 * for (Folds.Fold fold : Folds.stratifiedKFold(data.labels(), 5, true, 42)) {
 *   Dataset train = data.select(fold.train()), test = data.select(fold.test());
 * }
 * }</pre>
 */
public final class Folds {
  private static final Logger LOG = LoggerFactory.getLogger(Folds.class);

  private Folds() {}

  /** One split: the rows to train on and the rows to test on, each in increasing order; compared by content. */
  public record Fold(int[] train, int[] test) {
    @Override
    public boolean equals(Object other) {
      return other instanceof Fold fold && Arrays.equals(train, fold.train) && Arrays.equals(test, fold.test);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(train) + Arrays.hashCode(test);
    }

    @Override
    public String toString() {
      return "Fold[train=" + Arrays.toString(train) + ", test=" + Arrays.toString(test) + "]";
    }
  }

  /**
   * {@code k} folds of consecutive rows ({@code KFold}): the first {@code n % k} folds have
   * {@code n / k + 1} rows, the others {@code n / k}. With {@code shuffle}, the rows are first put in a seeded
   * random order, and each fold takes a consecutive run of that order.
   *
   * @throws KilnException if {@code k < 2} or {@code k > n}
   */
  public static List<Fold> kFold(int n, int k, boolean shuffle, long seed) {
    checkCounts(n, k);
    int[] order = shuffle ? Dataset.permutation(n, seed) : null;
    int[] foldOf = new int[n];
    for (int fold = 0, start = 0; fold < k; fold++) {
      int stop = start + n / k + (fold < n % k ? 1 : 0);
      for (int i = start; i < stop; i++) {
        foldOf[order == null ? i : order[i]] = fold;
      }
      start = stop;
    }
    return folds(foldOf, k);
  }

  /**
   * {@code k} folds that keep each class's share of the rows ({@code StratifiedKFold}). Classes are taken in
   * order of first appearance; the number of rows of each class in each test fold is scikit-learn's: deal
   * the rows, sorted by class, round-robin to the folds ({@code np.bincount(y_order[i::k])}). Each class then
   * gives its first rows (in row order) to fold 0, its next rows to fold 1, and so on; with {@code shuffle},
   * that sequence of fold numbers is shuffled per class first. Test folds differ in size by at most one.
   *
   * <p>As in scikit-learn, a class with fewer than {@code k} rows is allowed (it is missing from some test
   * folds; a warning is logged) unless every class has fewer than {@code k} rows.
   *
   * @param labels one class label per row (integral values, any order, such as {@code 0..c-1})
   * @throws KilnException if {@code k < 2}, {@code k > n}, a label is not an integer, or every class has fewer
   *     than {@code k} rows
   */
  public static List<Fold> stratifiedKFold(double[] labels, int k, boolean shuffle, long seed) {
    int n = labels.length;
    checkCounts(n, k);
    Map<Double, Integer> classOf = new HashMap<>();
    int[] y = new int[n];
    Labels.requireWhole("stratified folds", "label", labels, "stratify by class labels such as 0, 1, 2, or use "
        + "kFold for regression targets");
    for (int i = 0; i < n; i++) {
      y[i] = classOf.computeIfAbsent(labels[i] + 0.0, label -> classOf.size()); // + 0.0: -0.0 joins 0.0
    }
    int classes = classOf.size();
    int[] counts = new int[classes];
    for (int c : y) {
      counts[c]++;
    }
    int smallest = Arrays.stream(counts).min().orElseThrow();
    int largest = Arrays.stream(counts).max().orElseThrow();
    if (largest < k) {
      throw new KilnException("cannot make " + k + " stratified folds: every class has fewer than " + k
          + " rows (largest: " + largest + "); use fewer folds");
    }
    if (smallest < k) {
      LOG.warn("the least populated class has only {} rows, fewer than k={} folds: some test folds lack it",
          smallest, k);
    }
    Random random = new Random(seed);
    int[][] foldsOfClass = new int[classes][];
    for (int c = 0, start = 0; c < classes; c++) {
      int stop = start + counts[c];
      int[] sequence = new int[counts[c]];
      for (int fold = 0, next = 0; fold < k; fold++) {
        // rows of class c among sorted positions [start, stop) that fall to this fold: p ≡ fold (mod k)
        int allocated = below(stop, fold, k) - below(start, fold, k);
        Arrays.fill(sequence, next, next + allocated, fold);
        next += allocated;
      }
      if (shuffle) {
        shuffle(sequence, random);
      }
      foldsOfClass[c] = sequence;
      start = stop;
    }
    int[] used = new int[classes];
    int[] foldOf = new int[n];
    for (int i = 0; i < n; i++) {
      foldOf[i] = foldsOfClass[y[i]][used[y[i]]++];
    }
    return folds(foldOf, k);
  }

  /**
   * {@link #stratifiedKFold(double[], int, boolean, long)} for labels of shape {@code [n]} or {@code [n, 1]}.
   *
   * @throws KilnException for any other shape, such as one-hot labels {@code [n, c]}
   */
  public static List<Fold> stratifiedKFold(INDArray labels, int k, boolean shuffle, long seed) {
    long[] shape = labels.shape();
    if (!(labels.rank() == 1 || labels.rank() == 2 && shape[1] == 1)) {
      throw new KilnException("stratified folds need one class label per row, shape [n] or [n, 1], got "
          + Arrays.toString(shape) + "; for one-hot labels pass their argMax along dimension 1");
    }
    return stratifiedKFold(labels.castTo(DataType.DOUBLE).toDoubleVector(), k, shuffle, seed);
  }

  private static void checkCounts(int n, int k) {
    if (k < 2) {
      throw new KilnException("k-fold cross-validation needs k >= 2 folds, got k=" + k);
    }
    if (k > n) {
      throw new KilnException("cannot make " + k + " folds of " + n + " rows: k must be at most the number of rows");
    }
  }

  /** How many of the positions {@code 0..m-1} are congruent to {@code fold} modulo {@code k}. */
  private static int below(int m, int fold, int k) {
    return (m + k - 1 - fold) / k;
  }

  private static void shuffle(int[] values, Random random) {
    for (int i = values.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = values[i];
      values[i] = values[j];
      values[j] = swap;
    }
  }

  /** The folds of an assignment row → test fold, with rows in increasing order. */
  private static List<Fold> folds(int[] foldOf, int k) {
    int[] sizes = new int[k];
    for (int fold : foldOf) {
      sizes[fold]++;
    }
    List<Fold> folds = new ArrayList<>(k);
    for (int fold = 0; fold < k; fold++) {
      int[] train = new int[foldOf.length - sizes[fold]];
      int[] test = new int[sizes[fold]];
      for (int i = 0, a = 0, b = 0; i < foldOf.length; i++) {
        if (foldOf[i] == fold) {
          test[b++] = i;
        } else {
          train[a++] = i;
        }
      }
      folds.add(new Fold(train, test));
    }
    return List.copyOf(folds);
  }
}
