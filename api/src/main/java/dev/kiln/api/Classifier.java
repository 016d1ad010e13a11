package dev.kiln.api;

import org.nd4j.linalg.api.ndarray.INDArray;

/** A model whose predictions are class indices, and which can also give class probabilities. */
public interface Classifier extends Model {
  /** Class probabilities {@code [n, classes]}, each row summing to one. */
  INDArray predictProba(INDArray x);
}
