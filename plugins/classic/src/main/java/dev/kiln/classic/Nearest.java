package dev.kiln.classic;

import java.util.Arrays;

/**
 * The {@code k} smallest values offered so far, with the indices they came with: scikit-learn's bounded
 * max-heap ({@code heap_push} in {@code sklearn/utils/_heap.pyx}). A value equal to the current k-th smallest is
 * not taken, so offering candidates in index order keeps, among equal values, the lowest indices.
 */
final class Nearest {
  private final double[] values;
  private final int[] indices;

  /** An empty selection of {@code k} (every slot at +∞). */
  Nearest(int k) {
    values = new double[k];
    indices = new int[k];
    Arrays.fill(values, Double.POSITIVE_INFINITY);
  }

  /** The k-th smallest value so far (+∞ until {@code k} have been offered). */
  double worst() {
    return values[0];
  }

  /** Takes {@code value} if it is below {@link #worst()}, dropping the current k-th smallest. */
  void offer(double value, int index) {
    if (value >= values[0]) {
      return;
    }
    int size = values.length;
    int current = 0;
    while (true) {
      int left = 2 * current + 1;
      int right = left + 1;
      int swap;
      if (left >= size) {
        break;
      } else if (right >= size) {
        if (values[left] > value) {
          swap = left;
        } else {
          break;
        }
      } else if (values[left] >= values[right]) {
        if (value < values[left]) {
          swap = left;
        } else {
          break;
        }
      } else if (value < values[right]) {
        swap = right;
      } else {
        break;
      }
      values[current] = values[swap];
      indices[current] = indices[swap];
      current = swap;
    }
    values[current] = value;
    indices[current] = index;
  }

  /** The slots' order, smallest value first and ties by index. */
  Integer[] order() {
    Integer[] order = new Integer[values.length];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, (a, b) -> values[a] != values[b] ? Double.compare(values[a], values[b])
        : Integer.compare(indices[a], indices[b]));
    return order;
  }

  double value(int slot) {
    return values[slot];
  }

  int index(int slot) {
    return indices[slot];
  }
}
