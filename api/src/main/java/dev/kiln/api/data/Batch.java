package dev.kiln.api.data;

import org.nd4j.linalg.api.ndarray.INDArray;

/** One mini-batch: features {@code [b, d]} and labels with {@code b} rows (or {@code null}, unlabelled). */
public record Batch(INDArray features, INDArray labels) {
  /** The number of rows. */
  public int size() {
    return (int) features.size(0);
  }
}
