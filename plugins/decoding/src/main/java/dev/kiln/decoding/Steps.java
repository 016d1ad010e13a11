package dev.kiln.decoding;

import dev.kiln.api.Decoding;
import dev.kiln.api.KilnException;
import dev.kiln.api.LanguageModel;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** What every decoder of this module does around its choice of tokens: checks, the model's logits, log-softmax. */
final class Steps {
  private Steps() {}

  /** Fails unless every prompt token and the stop token (or -1) are ids of the model's vocabulary. */
  static void check(String decoder, int[] prompt, int vocab, Decoding options) {
    for (int i = 0; i < prompt.length; i++) {
      if (prompt[i] < 0 || prompt[i] >= vocab) {
        throw new KilnException(decoder + ": prompt token " + prompt[i] + " at position " + i
            + " is outside the vocabulary [0, " + vocab + ")");
      }
    }
    if (options.stopToken() >= vocab) {
      throw new KilnException(decoder + ": stopToken " + options.stopToken() + " is outside the vocabulary [0, "
          + vocab + "), so it could never end the generation; give a token id below " + vocab + ", or -1 for none");
    }
  }

  /** The model's logits for {@code context} as a float64 array, checked for length and NaN. */
  static double[] logits(LanguageModel lm, int[] context, int vocab, int step) {
    INDArray raw = lm.nextTokenLogits(context);
    if (raw.length() != vocab) {
      throw new KilnException("the language model returned " + raw.length() + " logits for a vocabulary of " + vocab
          + " (shape " + Arrays.toString(raw.shape()) + ")");
    }
    double[] logits = raw.castTo(DataType.DOUBLE).reshape(vocab).toDoubleVector();
    for (int v = 0; v < vocab; v++) {
      if (Double.isNaN(logits[v]) || logits[v] == Double.POSITIVE_INFINITY) {
        throw new KilnException("the language model returned logit " + logits[v] + " for token " + v + " at step "
            + (step + 1) + "; logits must be finite or -Infinity");
      }
    }
    return logits;
  }

  /**
   * {@code log_softmax(logits)}, computed stably as {@code l − max(l) − log Σ exp(l − max(l))}; fails when every
   * logit is −∞ (the model gives no token a probability).
   */
  static double[] logSoftmax(String decoder, double[] logits, int step) {
    double max = Arrays.stream(logits).max().orElseThrow();
    if (max == Double.NEGATIVE_INFINITY) {
      throw new KilnException(decoder + ": every logit is -Infinity at step " + (step + 1)
          + "; the model gives no token a probability");
    }
    double sum = 0;
    for (double l : logits) {
      sum += Math.exp(l - max);
    }
    double log = Math.log(sum);
    return Arrays.stream(logits).map(l -> l - max - log).toArray();
  }
}
