package dev.kiln.classic;

import java.util.Arrays;

/**
 * One query's float32 screening for {@link Neighbors}: the rank values of the training rows computed in
 * float32 (four times the GEMM speed of float64 here), each within {@code bound} of its float64 value, pick the
 * rows whose float64 values a float64 search would have to look at.
 *
 * <p>A float64 search offers every row, in index order, to a bounded heap ({@link Nearest}); a row changes the
 * heap only if its value {@code v} is below the heap's k-th best {@code W} at that time. The float32 heap's
 * k-th best {@code A} at the same time satisfies {@code W ≤ A + bound} (its k rows have float64 values within
 * the bound), so such a row has float32 value {@code a ≤ v + bound < A + 2·bound}. Keeping every row with
 * {@code a ≤ A + 2·bound} therefore keeps every row that changes the float64 heap, and offering just the kept
 * rows, with their float64 values, in index order, replays the float64 search step for step: the same k, ties
 * included. Few rows pass (the threshold falls fast; on random data about {@code k·ln(n/k)}); if more than
 * {@value #MOST} do, the screen gives up and the query is searched in float64.
 */
final class Screen {
  /** The most rows a screen keeps before it gives up. */
  static final int MOST = 4096;

  private final Nearest approximate;
  private final double bound;
  private int[] rows = new int[64];
  private int size;
  private boolean overflowed;

  /** A screen for the {@code k} nearest with float32 values within {@code bound} of the float64 ones. */
  Screen(int k, double bound) {
    this.approximate = new Nearest(k);
    this.bound = bound;
  }

  /** Offers training row {@code row}'s float32 rank value; rows come in index order. */
  void offer(double value, int row) {
    if (overflowed || value > approximate.worst() + 2 * bound) {
      return;
    }
    approximate.offer(value, row);
    if (size == rows.length) {
      if (size >= MOST) {
        overflowed = true;
        rows = null;
        return;
      }
      rows = Arrays.copyOf(rows, 2 * size);
    }
    rows[size++] = row;
  }

  /** Whether more than {@value #MOST} rows passed, so that the query needs a float64 search. */
  boolean overflowed() {
    return overflowed;
  }

  /** The rows kept, in index order. */
  int[] rows() {
    return Arrays.copyOf(rows, size);
  }
}
