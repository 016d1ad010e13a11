package dev.kiln.api.metric;

import dev.kiln.api.KilnException;
import dev.kiln.api.data.NestedArrays;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * What perplexity scores: the target token ids and a language model's logits (unnormalised
 * log-probabilities) for each of them. Logits {@code [n, V]} go with targets {@code [n]}, and logits
 * {@code [batch, time, V]} with targets {@code [batch, time]}; the record holds them flattened to
 * {@code targets [N]} and {@code logits [N, V]} in float64.
 *
 * <p>Validated on construction, with vectorised checks: matching shapes, integer targets in {@code [0, V)}
 * and finite logits; each failure is one line naming the count and the first position.
 *
 * @param targets the token ids, float64 {@code [N]}
 * @param logits one row of logits per target, float64 {@code [N, V]}
 */
public record TokenLogits(INDArray targets, INDArray logits) {
  /**
   * Checks the shapes, ids and logits as described above and flattens them to float64 {@code [N]} and
   * {@code [N, V]}.
   *
   * @throws KilnException on mismatched shapes, no tokens, a target that is not an id in {@code [0, V)}, or a
   *     non-finite logit
   */
  public TokenLogits {
    if (logits.rank() != 2 && logits.rank() != 3) {
      throw new KilnException("logits must be [n, V] or [batch, time, V], got shape "
          + Arrays.toString(logits.shape()));
    }
    long vocab = logits.size(logits.rank() - 1);
    long rows = logits.length() / Math.max(vocab, 1);
    boolean sameLeadingShape = targets.rank() == logits.rank() - 1
        && Arrays.equals(targets.shape(), Arrays.copyOf(logits.shape(), logits.rank() - 1));
    if (!sameLeadingShape && !(targets.rank() == 1 && targets.length() == rows)) {
      throw new KilnException("targets " + Arrays.toString(targets.shape()) + " do not match logits "
          + Arrays.toString(logits.shape()) + ": pass one target per row of logits (targets [n] with logits "
          + "[n, V], targets [batch, time] with logits [batch, time, V])");
    }
    if (rows == 0 || vocab == 0) {
      throw new KilnException("no tokens to score: logits have shape " + Arrays.toString(logits.shape()));
    }
    targets = targets.castTo(DataType.DOUBLE).reshape(rows);
    logits = logits.castTo(DataType.DOUBLE).reshape('c', rows, vocab);
    requireTokenIds(targets, vocab);
    requireFinite(logits);
  }

  /** Targets and logits from tensors or nested lists of numbers (see {@link NestedArrays}). */
  public static TokenLogits from(Object targets, Object logits) {
    return new TokenLogits(NestedArrays.toTensor(targets, "targets"), NestedArrays.toTensor(logits, "logits"));
  }

  /** The number of scored tokens {@code N}. */
  public long size() {
    return targets.length();
  }

  /** The vocabulary size {@code V}. */
  public long vocabSize() {
    return logits.size(1);
  }

  private static void requireTokenIds(INDArray targets, long vocab) {
    boolean integral = targets.equalsWithEps(Transforms.floor(targets, true), 0);
    if (integral && targets.minNumber().doubleValue() >= 0 && targets.maxNumber().doubleValue() < vocab) {
      return;
    }
    double[] ids = targets.toDoubleVector();
    int bad = 0;
    int first = -1;
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] != Math.rint(ids[i]) || ids[i] < 0 || ids[i] >= vocab) {
        bad++;
        first = first < 0 ? i : first;
      }
    }
    if (bad == 0) {
      return;   // ND4J's whole-array test errs on a single target; the loop has the last word
    }
    throw new KilnException("target " + ids[first] + " at position " + first + " is not a token id in [0, "
        + vocab + ") (" + bad + " of " + ids.length + " targets); targets must be integer ids below the "
        + "vocabulary size");
  }

  private static void requireFinite(INDArray logits) {
    if (!BooleanIndexing.or(logits, Conditions.notFinite())) {
      return;
    }
    double[] flat = logits.reshape(logits.length()).toDoubleVector();
    int bad = 0;
    int first = -1;
    for (int i = 0; i < flat.length; i++) {
      if (!Double.isFinite(flat[i])) {
        bad++;
        first = first < 0 ? i : first;
      }
    }
    if (bad == 0) {
      return;
    }
    long columns = logits.size(1);
    throw new KilnException("logits at row " + first / columns + ", column " + first % columns + " is "
        + flat[first] + " (" + bad + " non-finite logits); every logit must be a finite number");
  }
}
