package dev.kiln.nlp;

import dev.kiln.api.Classifier;
import dev.kiln.api.KilnException;
import dev.kiln.api.LanguageModel;
import dev.kiln.api.Model;
import dev.kiln.api.ModelProvider;
import dev.kiln.api.Params;
import dev.kiln.api.Schema;
import dev.kiln.api.data.Batch;
import dev.kiln.api.data.Dataset;
import dev.kiln.api.train.Fit;
import dev.kiln.api.train.GradientModel;
import dev.kiln.api.train.GradientTrainer;
import dev.kiln.api.train.Parameter;
import dev.kiln.api.train.Training;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.shape.OneHot;
import org.nd4j.linalg.api.ops.impl.transforms.custom.LogSoftMax;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A bigram language model over token ids (characters, with {@link dev.kiln.api.data.Vocabulary}): a table of
 * logits {@code W [V, V]} whose row {@code a} scores the token after {@code a}, so that
 * {@code P(b | a) = softmax(W[a])[b]}. Trained on {@link Dataset#nextToken} pairs (feature: the current id,
 * label: the next), it is a {@link Classifier} of the next token, a {@link LanguageModel} and a
 * {@link GradientModel} with the one parameter {@code logits}.
 *
 * <p>Without an optimizer, {@link #fit} counts pairs and smooths them with add-k:
 * <pre>  P(b | a) = (count(a b) + k) / (count(a) + kV),   W[a][b] = log P(b | a)</pre>
 * (with {@code k = 0}, unseen pairs get logit −∞ and contexts never seen a uniform row). With an optimizer it
 * trains {@code W} from zero on the mean cross-entropy of a batch of {@code m} pairs, vectorised with one-hot
 * rows {@code A} (current) and {@code Y} (next):
 * <pre>  L = −(1/m) Σ Y ⊙ log_softmax(AW),   ∂L/∂W = (1/m) Aᵀ (softmax(AW) − Y)</pre>
 * whose minimum is the unsmoothed ({@code k = 0}) count model.
 *
 * <p>Reference: Jurafsky and Martin, "Speech and Language Processing", 3rd ed. draft, ch. 3 (n-gram language
 * models, Laplace and add-k smoothing); A. Karpathy, makemore, part 1 (the bigram model as a neural net).
 */
public final class Bigram implements Classifier, LanguageModel, GradientModel {
  private final BigramOptions options;
  private Parameter logits;

  public Bigram(BigramOptions options) {
    this.options = options;
  }

  public BigramOptions options() {
    return options;
  }

  @Override
  public Fit fit(Dataset train, Training how) {
    long start = System.nanoTime();
    int[] current = ids(train.features(), "feature", options.vocabSize());
    int[] next = ids(train.labels(), "label", options.vocabSize());
    int v = options.vocabSize() > 0 ? options.vocabSize()
        : Math.max(Arrays.stream(current).max().orElse(0), Arrays.stream(next).max().orElse(0)) + 1;
    logits = new Parameter("logits", Nd4j.zeros(DataType.DOUBLE, v, v));
    if (how.optimizerIfAny().isPresent()) {
      return GradientTrainer.train(this, train, how);
    }
    // one increment per pair, O(n); a one-hot GEMM would cost O(n V²)
    double[] counts = new double[v * v];
    for (int i = 0; i < current.length; i++) {
      counts[current[i] * v + next[i]]++;
    }
    INDArray w = logits.value().assign(Nd4j.createFromArray(counts).reshape(v, v)).addi(options.smoothing());
    INDArray rowSums = w.sum(1);
    for (int a = 0; a < v; a++) {
      if (rowSums.getDouble(a) == 0) {   // k = 0 and a context never seen: uniform
        w.getRow(a).assign(1);
        rowSums.putScalar(a, v);
      }
    }
    Transforms.log(w.diviColumnVector(rowSums), false);
    double[] logProbability = w.reshape((long) v * v).toDoubleVector();
    double loss = 0;
    for (int i = 0; i < current.length; i++) {
      loss -= logProbability[current[i] * v + next[i]];
    }
    return new Fit(0, List.of(), loss / current.length, Duration.ofNanos(System.nanoTime() - start));
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(table());
  }

  /** The logit table, {@code logits [V, V]}. */
  @Override
  public Map<String, INDArray> state() {
    return Map.of("logits", table().value());
  }

  @Override
  public void restore(Map<String, INDArray> state) {
    INDArray w = state.get("logits");
    if (w == null || w.rank() != 2 || w.rows() != w.columns()
        || options.vocabSize() > 0 && w.rows() != options.vocabSize()) {
      throw new KilnException("bigram state needs logits [V, V]" + (options.vocabSize() > 0 ? " with V = "
          + options.vocabSize() : "") + ", got " + (w == null ? "none" : Arrays.toString(w.shape())));
    }
    logits = new Parameter("logits", w.dataType() == DataType.DOUBLE ? w : w.castTo(DataType.DOUBLE));
  }

  @Override
  public double lossAndGradient(Batch batch) {
    INDArray w = table().value();
    int v = (int) w.rows();
    int m = batch.size();
    INDArray current = oneHot(batch.features(), v, "feature");
    INDArray target = oneHot(batch.labels(), v, "label");
    INDArray logProbs = Nd4j.exec(new LogSoftMax(current.mmul(w)))[0];
    double loss = -Nd4j.getBlasWrapper().level1().dot((long) m * v, 1.0, target, logProbs) / m;
    INDArray delta = Transforms.exp(logProbs, false).subi(target);          // softmax − one-hot
    Nd4j.gemm(current, delta, logits.gradient(), true, false, 1.0 / m, 0.0);  // scatter rows into ∂L/∂W
    return loss;
  }

  /** The most probable next token id for each current id in {@code x [n, 1]}, as float64 {@code [n]}. */
  @Override
  public INDArray predict(INDArray x) {
    return Nd4j.argMax(rows(x), 1).castTo(DataType.DOUBLE);
  }

  /** The next-token distribution {@code [n, V]} for each current id in {@code x [n, 1]}. */
  @Override
  public INDArray predictProba(INDArray x) {
    INDArray rows = rows(x);
    INDArray out = rows.ulike();
    Nd4j.exec(new SoftMax(rows, out, 1));
    return out;
  }

  @Override
  public int vocabSize() {
    return (int) table().value().rows();
  }

  /** The logits of the token after the context's last token (a bigram sees only that one). */
  @Override
  public INDArray nextTokenLogits(int[] context) {
    if (context.length == 0) {
      throw new KilnException("bigram: the context is empty; a bigram model predicts from the last token, "
          + "so pass at least one token id");
    }
    int last = context[context.length - 1];
    if (last < 0 || last >= vocabSize()) {
      throw new KilnException("bigram: token id " + last + " is outside the vocabulary [0, " + vocabSize() + ")");
    }
    return table().value().getRow(last).dup();
  }

  /** The logits table; before fit only when vocabSize is set (zeros: the uniform model). */
  private Parameter table() {
    if (logits == null) {
      if (options.vocabSize() == 0) {
        throw new KilnException("bigram is not fitted: fit it on next-token pairs first (kiln.data.nextToken(tokens)"
            + " in the shell, Dataset.nextToken(tokens) in Java), or give it the option vocabSize");
      }
      logits = new Parameter("logits", Nd4j.zeros(DataType.DOUBLE, options.vocabSize(), options.vocabSize()));
    }
    return logits;
  }

  private INDArray rows(INDArray x) {
    return Nd4j.pullRows(table().value(), 1, ids(x, "x", vocabSize()));
  }

  /** One-hot rows {@code [m, v]} of the ids in {@code column} ({@code [m]} or {@code [m, 1]}). */
  private static INDArray oneHot(INDArray column, int v, String what) {
    INDArray flat = vector(column, what);
    double low = flat.minNumber().doubleValue();
    double high = flat.maxNumber().doubleValue();
    if (!(low >= 0 && high < v)) {
      throw new KilnException("bigram: " + what + " ids span [" + low + ", " + high + "], outside the vocabulary [0, "
          + v + ")");
    }
    return Nd4j.exec(new OneHot(flat.castTo(DataType.INT), v, -1, 1.0, 0.0, DataType.DOUBLE))[0];
  }

  /** The ids in {@code column}, each checked to be an integer in {@code [0, bound)} ({@code bound} 0: any). */
  private static int[] ids(INDArray column, String what, int bound) {
    double[] values = vector(column, what).toDoubleVector();
    int[] ids = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      double id = values[i];
      if (!(id >= 0 && id == Math.rint(id) && (bound == 0 || id < bound))) {
        throw new KilnException("bigram: " + what + " at row " + i + " is " + id + ", not a token id in [0, "
            + (bound == 0 ? "V" : bound) + ")");
      }
      ids[i] = (int) id;
    }
    return ids;
  }

  private static INDArray vector(INDArray column, String what) {
    if (!(column.rank() == 1 || column.rank() == 2 && column.size(1) == 1)) {
      throw new KilnException("bigram takes one token id per row (Dataset.nextToken pairs), got " + what
          + " of shape " + Arrays.toString(column.shape()) + "; pass [n, 1]");
    }
    return column.rank() == 1 ? column : column.reshape(column.length());
  }

  /** The {@code bigram} plugin. */
  public static final class Plugin implements ModelProvider {
    @Override
    public String name() {
      return "bigram";
    }

    @Override
    public String summary() {
      return "bigram language model: add-k smoothed counts, or a [V, V] logits table trained by softmax";
    }

    @Override
    public String description() {
      return """
          P(next = b | current = a) = softmax(W[a])[b] over a logits table W [V, V], trained on
          Dataset.nextToken(tokens). Without an optimizer: W[a][b] = log((count(a b) + k) / (count(a) + kV)),
          add-k smoothing with k = smoothing. With an optimizer: W from zero by mean cross-entropy,
          dL/dW = (1/m) A^T (softmax(AW) - Y) for one-hot current rows A and next rows Y.
          predict gives the most probable next id, predictProba the distribution, nextTokenLogits W[last].
          Reference: Jurafsky and Martin, Speech and Language Processing, 3rd ed., ch. 3 (n-grams, add-k
          smoothing); Karpathy, makemore part 1.
          """;
    }

    @Override
    public Schema schema() {
      return BigramOptions.SCHEMA;
    }

    @Override
    public Model create(Params params) {
      return new Bigram(BigramOptions.from(params));
    }
  }
}
