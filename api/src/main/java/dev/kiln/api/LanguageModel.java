package dev.kiln.api;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A model of the next token: given a context of token ids in {@code [0, vocabSize)}, scores every token
 * that may follow. Decoders work with any implementation.
 */
public interface LanguageModel {
  /** The number of distinct tokens. */
  int vocabSize();

  /**
   * Unnormalised log-probabilities (logits) of the next token, a vector of length {@link #vocabSize()};
   * {@code log_softmax} of it gives the log-probabilities.
   */
  INDArray nextTokenLogits(int[] context);
}
