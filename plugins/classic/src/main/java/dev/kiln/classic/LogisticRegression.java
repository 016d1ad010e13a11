package dev.kiln.classic;

import dev.kiln.api.Classifier;
import dev.kiln.api.KilnException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.shape.OneHot;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logistic regression with an L2 penalty, binary or multinomial, in float64. With {@code K} classes the class
 * probabilities are {@code softmax(xW + b)} over logits {@code [0, x·w + b]} for two classes (the sigmoid
 * model: {@code weight [d, 1]}, {@code bias [1]}) or {@code xW + b} for more ({@code weight [d, K]},
 * {@code bias [K]}), and the objective is scikit-learn's
 * <pre>  F(W, b) = Σ_i −log p(y_i | x_i) + ||W||² / (2C)</pre>
 * (intercepts not penalised). Without an optimizer {@link #fit} minimises {@code F} by {@link Lbfgs} from zero,
 * stopping when {@code max |∇F| <= tol} (scikit-learn's {@code tol}; its {@code lbfgs} solver often stops
 * earlier, on SciPy's relative-decrease test, some 1e-5 to 1e-3 from the optimum). With an optimizer it trains
 * the same parameters through {@link GradientTrainer} on the batch loss, whose mean over an epoch is
 * {@code F / N}:
 * <pre>  L = −(1/m) Σ Y ⊙ log_softmax(Z) + ||W||² / (2CN),   ∂L/∂Z = (softmax(Z) − Y) / m,
 *   ∂L/∂W = Xᵀ ∂L/∂Z + W / (CN),   ∂L/∂b = Σ_rows ∂L/∂Z</pre>
 * with logits {@code Z [m, K]} and one-hot labels {@code Y} (batches carry class indices: fit encodes the
 * labels, scikit-learn's sorted {@code classes_}). The log-softmax is shifted by the row maximum, so large
 * logits do not overflow.
 *
 * <p>Reference: Hastie, Tibshirani, Friedman, "The Elements of Statistical Learning", 2nd ed., §4.4;
 * scikit-learn 1.2 {@code sklearn.linear_model.LogisticRegression(solver="lbfgs")}.
 */
public final class LogisticRegression implements Classifier, GradientModel {
  private static final String NAME = "logistic-regression";
  private static final Logger LOG = LoggerFactory.getLogger(LogisticRegression.class);
  private final LogisticRegressionOptions options;
  private Classes classes;
  private Parameter weight;
  private Parameter bias;
  private double penalty;
  private Lbfgs.Result solved;
  private boolean byGradient;
  private OptionalInt lastBatchCorrect = OptionalInt.empty();

  public LogisticRegression(LogisticRegressionOptions options) {
    this.options = options;
  }

  public LogisticRegressionOptions options() {
    return options;
  }

  @Override
  public Fit fit(Dataset train, Training how) {
    long start = System.nanoTime();
    INDArray y = Inputs.target(NAME, train.labels());
    classes = Classes.of(NAME, y).requireTwo(NAME, train.size());
    INDArray x = Inputs.matrix(NAME, train.features());
    Dataset encoded = Dataset.of(x, classes.indexVector(y));
    int outputs = classes.size() == 2 ? 1 : classes.size();
    weight = new Parameter("weight", Nd4j.zeros(DataType.DOUBLE, x.size(1), outputs));
    bias = new Parameter("bias", Nd4j.zeros(DataType.DOUBLE, outputs));
    penalty = options.l2() / train.size();
    solved = null;
    byGradient = how.optimizerIfAny().isPresent();
    if (byGradient) {
      return GradientTrainer.train(this, encoded, how);
    }
    Lbfgs.Result result = Lbfgs.minimize(Lbfgs.of(this, new Batch(x, encoded.labels()), train.size()),
        Lbfgs.values(parameters()), options.maxIter(), options.tol(), how.cancellation());
    Lbfgs.assign(result.theta(), parameters());
    solved = result;
    if (!result.converged()) {
      LOG.warn("logistic-regression: L-BFGS stopped after {} iterations without converging; raise maxIter or "
          + "standardise the features", result.iterations());
    }
    return new Fit(result.iterations(), List.of(), result.value() / train.size(),
        Duration.ofNanos(System.nanoTime() - start));
  }

  /** The mean cross-entropy of a batch (labels: class indices) plus the spread penalty; writes the gradients. */
  @Override
  public double lossAndGradient(Batch batch) {
    requireFitted();
    INDArray x = batch.features().castTo(DataType.DOUBLE);
    Inputs.requireWidth(weight.value().rows(), x);
    int m = batch.size();
    INDArray logProbabilities = logSoftmax(logits(x));
    INDArray target = Nd4j.exec(new OneHot(Inputs.target(NAME, batch.labels()).castTo(DataType.INT), classes.size(),
        -1, 1.0, 0.0, DataType.DOUBLE))[0];
    lastBatchCorrect = byGradient ? OptionalInt.of(GradientModel.countCorrect(logProbabilities, target))
        : OptionalInt.empty();
    INDArray w = weight.value();
    double loss = -Nd4j.getBlasWrapper().level1().dot(target.length(), 1.0, target, logProbabilities) / m
        + penalty * Nd4j.getBlasWrapper().level1().dot(w.length(), 1.0, w, w);
    INDArray delta = Transforms.exp(logProbabilities, false).subi(target);
    if (classes.size() == 2) {
      delta = delta.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 2)).dup();
    }
    Nd4j.gemm(x, delta, weight.gradient(), true, false, 1.0 / m, 0.0);
    Nd4j.getBlasWrapper().level1().axpy(w.length(), 2 * penalty, w, weight.gradient());
    bias.gradient().assign(delta.sum(0).divi(m));
    return loss;
  }

  /** Counted while an optimizer trains the model; L-BFGS, which reports no accuracy, skips the count. */
  @Override
  public OptionalInt lastBatchCorrect() {
    return lastBatchCorrect;
  }

  /** The logits {@code [n, K]}: {@code xW + b}, with a zero first column for two classes. */
  private INDArray logits(INDArray x) {
    INDArray z = x.mmul(weight.value()).addiRowVector(bias.value());
    return classes.size() == 2 ? Nd4j.hstack(Nd4j.zeros(DataType.DOUBLE, x.rows(), 1), z) : z;
  }

  private static INDArray logSoftmax(INDArray z) {
    INDArray shifted = z.subiColumnVector(z.max(1).reshape(z.rows(), 1));
    INDArray logSum = Transforms.log(Transforms.exp(shifted, true).sum(1), false).reshape(z.rows(), 1);
    return shifted.subiColumnVector(logSum);
  }

  /** The most probable class of each row (for two classes: class 1 where {@code x·w + b > 0}). */
  @Override
  public INDArray predict(INDArray x) {
    INDArray z = logits(rows(x));
    return classes.labels(Arrays.stream(Nd4j.argMax(z, 1).toLongVector()).mapToInt(v -> (int) v).toArray());
  }

  /** The class probabilities {@code softmax(logits)}, {@code [n, classes]} in sorted class order. */
  @Override
  public INDArray predictProba(INDArray x) {
    INDArray z = logits(rows(x));
    INDArray out = z.ulike();
    Nd4j.exec(new SoftMax(z, out, 1));
    return out;
  }

  private INDArray rows(INDArray x) {
    requireFitted();
    return Inputs.matrix(NAME, x, weight.value().rows());
  }

  /** {@code weight} and, with {@code fitIntercept}, {@code bias} (otherwise fixed at zero). */
  @Override
  public List<Parameter> parameters() {
    requireFitted();
    return options.fitIntercept() ? List.of(weight, bias) : List.of(weight);
  }

  /**
   * {@code classes}, {@code coefficients [K', d]} and {@code intercept [K']} as scikit-learn's {@code coef_} and
   * {@code intercept_} ({@code K' = 1} for two classes) and, after an L-BFGS fit, its {@code iterations} and
   * whether it {@code converged} ({@code max |∇F| <= tol}).
   */
  @Override
  public Map<String, Object> attributes() {
    if (weight == null) {
      return Map.of();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("classes", classes.values());
    out.put("coefficients", weight.value().transpose().dup());
    out.put("intercept", bias.value().dup());
    if (solved != null) {
      out.put("iterations", solved.iterations());
      out.put("converged", solved.converged());
    }
    return out;
  }

  @Override
  public Map<String, INDArray> state() {
    requireFitted();
    double[] values = classes.values().stream().mapToDouble(Double::doubleValue).toArray();
    return Map.of("weight", weight.value(), "bias", bias.value(), "classes", Nd4j.createFromArray(values));
  }

  @Override
  public void restore(Map<String, INDArray> state) {
    INDArray w = state.get("weight");
    INDArray b = state.get("bias");
    INDArray c = state.get("classes");
    if (w == null || b == null || c == null || c.length() < 2 || w.rank() != 2
        || w.size(1) != (c.length() == 2 ? 1 : c.length()) || b.length() != w.size(1)) {
      throw new KilnException("logistic-regression state needs classes [K], weight [d, K] (K = 1 for two classes) "
          + "and bias [K], got " + shapes(state));
    }
    classes = Classes.saved(NAME, c);
    weight = new Parameter("weight", w.castTo(DataType.DOUBLE).dup());
    bias = new Parameter("bias", b.castTo(DataType.DOUBLE).reshape(b.length()).dup());
  }

  private static String shapes(Map<String, INDArray> state) {
    Map<String, String> out = new LinkedHashMap<>();
    state.forEach((name, value) -> out.put(name, Arrays.toString(value.shape())));
    return out.toString();
  }

  private void requireFitted() {
    if (weight == null) {
      throw Inputs.notFitted(NAME);
    }
  }

  /** The {@code logistic-regression} plugin. */
  public static final class Plugin implements ModelProvider {
    @Override
    public String name() {
      return NAME;
    }

    @Override
    public String summary() {
      return "logistic regression, binary or multinomial (softmax), L2 with sklearn's C; L-BFGS or any optimizer";
    }

    @Override
    public String description() {
      return """
          Class probabilities softmax(xW + b) (two classes: the sigmoid of x.w + b). Minimises
          F = sum_i -log p(y_i | x_i) + ||W||^2 / (2C), intercepts not penalised: by L-BFGS (strong Wolfe line
          search) when fit gets no optimizer, stopping at max |grad F| <= tol (sklearn's tol) or after maxIter
          iterations; otherwise by the given optimizer on the batch loss mean cross-entropy
          + ||W||^2 / (2CN). predictProba gives the probabilities in sorted class order; attributes:
          classes, coefficients [K, d], intercept, iterations, converged.
          Reference: Hastie, Tibshirani, Friedman, The Elements of Statistical Learning, 2nd ed., 4.4;
          Nocedal and Wright, Numerical Optimization, 2nd ed., ch. 7; scikit-learn 1.2 LogisticRegression.
          """;
    }

    @Override
    public Schema schema() {
      return LogisticRegressionOptions.SCHEMA;
    }

    @Override
    public Model create(Params params) {
      return new LogisticRegression(LogisticRegressionOptions.from(params));
    }
  }
}
