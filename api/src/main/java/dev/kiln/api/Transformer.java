package dev.kiln.api;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A fitted model that maps features to new features: scalers (standardised or min-max features), k-means
 * (distances to each centroid), and the like. Fit on training data, then transform training and test data
 * alike.
 */
public interface Transformer extends Model {
  /** The transformed rows of {@code x} ({@code [n, d]}). */
  INDArray transform(INDArray x);
}
