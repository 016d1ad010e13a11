package dev.kiln.nn;

import dev.kiln.api.KilnException;
import dev.kiln.autograd.Tensor;
import dev.kiln.kernels.Eltwise;
import dev.kiln.kernels.Level1;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Loss functions, each a scalar mean with a hand-written backward (fused where the composition would
 * allocate more), as PyTorch's defaults ({@code reduction='mean'}; KL with {@code 'batchmean'}). Over
 * {@code n} elements (rows for the class losses), with upstream gradient {@code g}:
 * <pre>
 *   mse          (1/n) Σ (p − t)²                          ∂p = 2g(p − t)/n
 *   bce          −(1/n) Σ t·log p + (1 − t)·log(1 − p)      ∂p = g(p − t) / max(p(1 − p), 1e-12) / n
 *                (each log clamped at −100, as PyTorch)
 *   bceLogits    (1/n) Σ max(x, 0) − x·t + log(1 + e^−|x|)  ∂x = g(σ(x) − t)/n
 *   crossEntropy −(1/m) Σᵢ Σ_c qᵢc·log softmax(xᵢ)c         ∂x = g(softmax(x) − q)/m
 *                q = (1 − ε)·onehot(y) + ε/C (label smoothing ε), rows with y = ignoreIndex left out,
 *                m the number of rows kept; or q given as class probabilities (rows summing to 1)
 *   nll          −(1/m) Σᵢ qᵢ·lᵢ on log-probabilities l      ∂l = −g·q/m
 *   klDiv        (1/n) Σ t·(log t − l), 0·log 0 = 0          ∂l = −g·t/n   (t is a constant target)
 * </pre>
 * Class labels are indices {@code 0..C-1} as numbers in a vector {@code [n]}; a label outside the range
 * (that is not the ignore index) fails with a one-line message naming it.
 *
 * <p>Reference: PyTorch 1.13 {@code torch.nn.functional} (mse_loss, binary_cross_entropy,
 * binary_cross_entropy_with_logits, cross_entropy with label_smoothing and ignore_index, nll_loss, kl_div);
 * Szegedy et al., "Rethinking the Inception architecture", CVPR 2016 (label smoothing).
 */
public final class Losses {
  /** PyTorch's default {@code ignore_index}: no real class has it. */
  public static final int DEFAULT_IGNORE_INDEX = -100;

  private Losses() {}

  public static Tensor mse(Tensor predicted, Tensor target) {
    requireSameShape("mse", predicted, target);
    INDArray diff = predicted.value().sub(target.value());
    long n = diff.length();
    return Tensor.result("mse", diff.mul(diff).sum().divi(n), g -> predicted.accumulateGrad(
        diff.mul(g).muli(2.0 / n)), predicted);
  }

  /** Binary cross-entropy of probabilities {@code p} in [0, 1] against targets {@code t} in [0, 1]. */
  public static Tensor bce(Tensor probability, Tensor target) {
    requireSameShape("bce", probability, target);
    INDArray p = probability.value();
    INDArray t = target.value();
    long n = p.length();
    INDArray logP = Transforms.max(Transforms.log(p, true), -100, false);
    INDArray log1mP = Transforms.max(Transforms.log(p.rsub(1), false), -100, false);
    INDArray loss = t.mul(logP).addi(t.rsub(1).muli(log1mP)).sum().divi(-n);
    return Tensor.result("bce", loss, g -> probability.accumulateGrad(p.sub(t).divi(
        Transforms.max(p.rsub(1).muli(p), 1e-12, false)).muli(g).divi(n)), probability);
  }

  /** Binary cross-entropy on logits {@code x} (the sigmoid fused in, stable for large |x|). */
  public static Tensor bceWithLogits(Tensor logits, Tensor target) {
    requireSameShape("bceWithLogits", logits, target);
    INDArray x = logits.value();
    INDArray t = target.value();
    long n = x.length();
    INDArray softplus = Transforms.log(Transforms.exp(Transforms.abs(x, true).negi(), false).addi(1), false);
    INDArray loss = Transforms.relu(x, true).subi(x.mul(t)).addi(softplus).sum().divi(n);
    return Tensor.result("bce-with-logits", loss, g -> logits.accumulateGrad(
        Transforms.sigmoid(x, true).subi(t).muli(g).divi(n)), logits);
  }

  /** Softmax cross-entropy of logits {@code [n, C]} against class indices {@code [n]}, fused. */
  public static Tensor crossEntropy(Tensor logits, INDArray labels, double smoothing, int ignoreIndex) {
    Targets q = Targets.of("crossEntropy", logits, labels, smoothing, ignoreIndex);
    return crossEntropy(logits, q.distribution, q.rowMask, q.rows);
  }

  /**
   * Softmax cross-entropy of logits {@code [n, C]} against class probabilities {@code [n, C]} whose rows sum
   * to 1 (one-hot rows for hard labels), as PyTorch's {@code cross_entropy} with probability targets.
   */
  public static Tensor crossEntropy(Tensor logits, INDArray probabilities) {
    if (!Arrays.equals(logits.shape(), probabilities.shape()) || logits.rank() != 2) {
      throw shapes("crossEntropy", logits.shape(), probabilities.shape());
    }
    if (logits.size(0) == 0) {
      throw new KilnException("crossEntropy of an empty batch is undefined: pass at least one row");
    }
    return crossEntropy(logits, probabilities, null, logits.size(0));
  }

  /** {@code −(1/rows) Σ q·log softmax(x)}, ∂x = (softmax(x)·mask − q)/rows; rows of q sum to 1 or are masked. */
  private static Tensor crossEntropy(Tensor logits, INDArray q, INDArray rowMask, long rows) {
    INDArray logProbabilities = Activations.logSoftmax(logits.value(), 1);
    INDArray loss = Nd4j.scalar(logits.dataType(), -Level1.dot(q, logProbabilities) / rows);
    return Tensor.result("cross-entropy", loss, g -> {
      INDArray softmax = logProbabilities.ulike();
      Eltwise.exp(logProbabilities, softmax);
      if (rowMask != null) {
        softmax.muli(rowMask);
      }
      Level1.axpy(-1, q, softmax);
      Level1.scale(g.getDouble(0) / rows, softmax);
      logits.accumulateGrad(softmax);
    }, logits);
  }

  /**
   * Class indices {@code [n]} as one-hot rows {@code [n, classes]} of {@code type}, after checking that each
   * is a whole number in {@code [0, classes)}.
   */
  public static INDArray oneHot(INDArray labels, long classes, DataType type) {
    INDArray y = labels.reshape(labels.length()).castTo(type);
    Targets.requireClassIndices("labels", y, classes, y.minNumber().doubleValue(), y.maxNumber().doubleValue());
    return Targets.oneHot(y, classes, type);
  }

  /** The mean negative log-likelihood of log-probabilities {@code [n, C]} at class indices {@code [n]}. */
  public static Tensor nll(Tensor logProbabilities, INDArray labels, int ignoreIndex) {
    Targets q = Targets.of("nll", logProbabilities, labels, 0, ignoreIndex);
    INDArray loss = q.distribution.mul(logProbabilities.value()).sum().divi(-q.rows);
    return Tensor.result("nll", loss, g -> logProbabilities.accumulateGrad(q.distribution.mul(g).divi(-q.rows)),
        logProbabilities);
  }

  /** KL divergence {@code KL(t ‖ exp l)} per row, averaged over the {@code n} rows ({@code batchmean}). */
  public static Tensor klDiv(Tensor logProbabilities, INDArray target) {
    if (!Arrays.equals(logProbabilities.shape(), target.shape())) {
      throw shapes("klDiv", logProbabilities.shape(), target.shape());
    }
    long n = logProbabilities.size(0);
    INDArray l = logProbabilities.value();
    // log max(t, tiny): a zero target then contributes 0 · finite = 0, as 0 · log 0 = 0
    INDArray logT = Transforms.log(Transforms.max(target, Float.MIN_NORMAL, true), false);
    INDArray loss = target.mul(logT.subi(l)).sum().divi(n);
    return Tensor.result("kl-div", loss, g -> logProbabilities.accumulateGrad(target.mul(g).divi(-n)),
        logProbabilities);
  }

  private static void requireSameShape(String loss, Tensor predicted, Tensor target) {
    if (!Arrays.equals(predicted.shape(), target.shape())) {
      throw shapes(loss, predicted.shape(), target.shape());
    }
  }

  private static KilnException shapes(String loss, long[] predicted, long[] target) {
    return new KilnException(loss + ": prediction " + Arrays.toString(predicted) + " and target "
        + Arrays.toString(target) + " differ in shape; pass one target per prediction");
  }

  /**
   * The target distribution {@code q [n, C]} of class labels (one-hot, smoothed, zero on ignored rows), the
   * mask of kept rows {@code [n, 1]} ({@code null} when no row is ignored) and their count.
   */
  private record Targets(INDArray distribution, INDArray rowMask, long rows) {
    static Targets of(String loss, Tensor scores, INDArray labels, double smoothing, int ignoreIndex) {
      if (scores.rank() != 2) {
        throw new KilnException(loss + " takes scores [n, classes], got shape " + Arrays.toString(scores.shape()));
      }
      long n = scores.size(0);
      long classes = scores.size(1);
      if (n == 0) {
        throw new KilnException(loss + " of an empty batch is undefined: pass at least one row");
      }
      if (labels.length() != n) {
        throw new KilnException(loss + ": " + n + " rows of scores " + Arrays.toString(scores.shape())
            + " but labels " + Arrays.toString(labels.shape()) + "; pass one class index per row");
      }
      DataType type = scores.dataType();
      INDArray y = labels.reshape(n).castTo(type);
      INDArray mask = null;
      long rows = n;
      double low = y.minNumber().doubleValue();
      double high = y.maxNumber().doubleValue();
      if (low <= ignoreIndex && ignoreIndex <= high) {
        mask = y.neq(ignoreIndex).castTo(type).reshape(n, 1);
        rows = mask.sumNumber().longValue();
        if (rows == 0) {
          throw new KilnException(loss + ": every label in the batch is the ignore index " + ignoreIndex
              + "; nothing to learn from");
        }
        y = y.mul(mask.reshape(n));                                  // ignored rows read class 0, masked out
        low = y.minNumber().doubleValue();
        high = y.maxNumber().doubleValue();
      }
      requireClassIndices(loss, y, classes, low, high);
      INDArray oneHot = oneHot(y, classes, type);
      INDArray q = smoothing == 0 ? oneHot : oneHot.muli(1 - smoothing).addi(smoothing / classes);
      return new Targets(mask == null ? q : q.muli(mask), mask, rows);
    }

    static INDArray oneHot(INDArray y, long classes, DataType type) {
      return Nd4j.exec(DynamicCustomOp.builder("onehot").addInputs(y.castTo(DataType.INT))
          .addIntegerArguments(-1, (int) classes).addFloatingPointArguments(1.0, 0.0).build())[0].castTo(type);
    }

    /** Checks that {@code y}, whose least and greatest values are {@code low} and {@code high}, holds class indices. */
    static void requireClassIndices(String loss, INDArray y, long classes, double low, double high) {
      if (low < 0 || high >= classes) {
        double bad = low < 0 ? low : high;
        throw new KilnException(loss + ": label " + (bad == Math.rint(bad) ? String.valueOf((long) bad) : bad)
            + " is out of range for " + classes + " classes; labels must be class indices 0.." + (classes - 1));
      }
      if (Transforms.floor(y, true).neq(y).any()) {
        throw new KilnException(loss + ": labels must be whole class indices 0.." + (classes - 1)
            + ", got a fraction; for real-valued targets use a regression loss (mse)");
      }
    }
  }
}
