package dev.kiln.classic;

import dev.kiln.api.KilnException;
import dev.kiln.kernels.Gemm;
import java.nio.DoubleBuffer;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link Lloyd}'s E-step, and the cluster sums it keeps up to date: each row's label is the center of highest
 * score {@code 2 x·c − ||c||²} (the first on ties), the rows scored against all centers by GEMM block by
 * block, and only the rows whose label changed move between the sums.
 *
 * <p>On the rows with a column of ones, {@code X̃ = [X − x̄, 1]}, and weights {@code W = [2C, −||c||²]}, a block
 * of {@code b} rows is scored by one GEMM {@code W X̃_bᵀ [k, b]} and its scores read back at once, while the
 * block is still in cache; the blocks run in parallel. A row whose label changed from {@code o} to {@code l}
 * adds its {@code x̃} to {@code S_l} and subtracts it from {@code S_o} in its block's own accumulator, so that
 * each cluster's sum and, through the ones, its size cost only the changed rows (in the benchmark, 24 % of
 * them in the second iteration, 1 % in the twentieth); the blocks' accumulators are added in block order, so a
 * run's numbers do not depend on the thread count. The first E-step, from no labels, sums every row.
 *
 * <p>A Java scan of each block's {@code k} scores per row does what ND4J's kernels could only do in whole
 * passes: {@code IsMax} takes 0.8 ms for the benchmark's 100,000 × 8 scores, and a one-hot GEMM for the sums
 * 1.8 ms, against 1.6 ms for a whole scikit-learn iteration.
 */
final class Assignment implements AutoCloseable {
  /** Bytes of one block's rows and scores: they should stay in a core's cache between its GEMM and its scan. */
  private static final long BLOCK_BYTES = 1 << 19;

  private final int n;
  private final int k;
  private final int width;
  private final int rowsPerBlock;
  private final DoubleBuffer values;
  private final INDArray[] blockRows;
  private final double[][] moved;
  private final Lane[] lanes;
  private final int[] labels;
  private final double[] sums;

  /**
   * One thread's share of the blocks, {@code [first, last)}, and its buffers, reused from block to block: the
   * scores {@code [k, rows]} in native memory for the GEMM, their copy in Java, each row's best score and center.
   */
  private record Lane(int first, int last, INDArray scores, INDArray blockScores, DoubleBuffer scoreValues,
      double[] scanned, double[] best, int[] label) {}

  /** The assignment of the rows of {@code augmented [n, d + 1]} (float64, C order, last column ones) to {@code k}. */
  Assignment(INDArray augmented, int k) {
    this(augmented, k, Runtime.getRuntime().availableProcessors());
  }

  /** As above, the blocks shared among at most {@code threads} threads. */
  Assignment(INDArray augmented, int k, int threads) {
    this.n = (int) augmented.size(0);
    this.k = k;
    this.width = (int) augmented.size(1);
    if ((long) n * width > Integer.MAX_VALUE) {
      throw new KilnException("kmeans: " + n + " rows × " + width + " values are more than one buffer of 2^31 "
          + "numbers holds; cluster a sample of the rows or fewer features");
    }
    this.rowsPerBlock = (int) Math.max(16, Math.min(n, BLOCK_BYTES / (8L * (width + k))));
    this.values = augmented.data().asNioDouble();
    int blocks = (n + rowsPerBlock - 1) / rowsPerBlock;
    this.blockRows = new INDArray[blocks];
    for (int b = 0; b < blocks; b++) {
      long from = (long) b * rowsPerBlock;
      blockRows[b] = Nd4j.create(augmented.data(), new long[] {Math.min(rowsPerBlock, n - from), width},
          new long[] {width, 1}, from * width, 'c');
    }
    this.moved = new double[blocks][k * width];
    this.lanes = new Lane[Math.min(blocks, threads)];
    for (int l = 0; l < lanes.length; l++) {
      INDArray scores = Nd4j.createUninitialized(DataType.DOUBLE, (long) k * rowsPerBlock);
      lanes[l] = new Lane(l * blocks / lanes.length, (l + 1) * blocks / lanes.length, scores,
          scores.reshape(k, rowsPerBlock), scores.data().asNioDouble(), new double[k * rowsPerBlock], new double[rowsPerBlock], new int[rowsPerBlock]);
    }
    this.labels = new int[n];
    Arrays.fill(labels, -1);
    this.sums = new double[k * width];
  }

  /** Releases the lanes' native buffers now rather than at some collection. */
  @Override
  public void close() {
    for (Lane lane : lanes) {
      lane.scores().close();
    }
  }

  /**
   * Labels every row by the weights {@code [k, d + 1]} and updates the sums; returns how many labels changed
   * (all {@code n} the first time).
   */
  int update(INDArray weights) {
    int changed = IntStream.range(0, lanes.length).parallel().map(l -> {
      int moves = 0;
      for (int b = lanes[l].first(); b < lanes[l].last(); b++) {
        moves += scan(b, lanes[l], weights);
      }
      return moves;
    }).sum();
    for (double[] block : moved) {
      for (int i = 0; i < sums.length; i++) {
        sums[i] += block[i];
      }
    }
    return changed;
  }

  /** Each row's center index, {@code [n]} (not a copy). */
  int[] labels() {
    return labels;
  }

  /** {@code X̃ᵀ A}: cluster {@code j}'s sum at {@code [j (d + 1), j (d + 1) + d)}, its size next (not a copy). */
  double[] sums() {
    return sums;
  }

  /**
   * Scores block {@code b}, relabels its rows and records their moves; returns the number of changed labels.
   * The block's scores are {@code [k, b]}, each center's in a row, and the scan keeps every row's best so far
   * center by center: the rows are independent, where a row-by-row scan waits on each comparison (and
   * mispredicts its branches), 4× slower.
   */
  private int scan(int b, Lane lane, INDArray weights) {
    int rows = (int) blockRows[b].size(0);
    INDArray scores = rows == rowsPerBlock ? lane.blockScores()
        : Nd4j.create(lane.scores().data(), new long[] {k, rows}, new long[] {rows, 1}, 0, 'c');   // the last block
    Gemm.gemm(weights, blockRows[b], scores, false, true, 1.0, 0.0);
    double[] scanned = lane.scanned();
    lane.scoreValues().get(0, scanned, 0, rows * k);
    double[] best = lane.best();
    int[] label = lane.label();
    System.arraycopy(scanned, 0, best, 0, rows);
    Arrays.fill(label, 0);
    for (int j = 1; j < k; j++) {
      int at = j * rows;
      for (int i = 0; i < rows; i++) {
        double score = scanned[at + i];
        // −1 when score > best (the sign of best − score; + 0.0 turns −0.0 into +0.0), else 0
        int better = (int) (Double.doubleToRawLongBits((best[i] - score) + 0.0) >> 63);
        label[i] ^= (label[i] ^ j) & better;
        best[i] = Math.max(best[i], score);
      }
    }
    double[] delta = moved[b];
    Arrays.fill(delta, 0);
    double[] row = new double[width];
    int changed = 0;
    int from = b * rowsPerBlock;
    for (int i = 0; i < rows; i++) {
      int old = labels[from + i];
      int now = label[i];
      if (now != old) {
        labels[from + i] = now;
        changed++;
        values.get((from + i) * width, row, 0, width);
        for (int f = 0; f < width; f++) {
          delta[now * width + f] += row[f];
        }
        if (old >= 0) {
          for (int f = 0; f < width; f++) {
            delta[old * width + f] -= row[f];
          }
        }
      }
    }
    return changed;
  }
}
