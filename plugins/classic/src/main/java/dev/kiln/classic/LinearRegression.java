package dev.kiln.classic;

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
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.blas.Level1;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Linear regression {@code ŷ = x·w + b} in float64, fitted exactly or by any optimizer.
 *
 * <p>Without an optimizer, {@link #fit} solves the least-squares (ridge, with {@code l2 = α > 0}) problem
 * <pre>  min ||y − Xw − b||² + α||w||²</pre>
 * exactly: it centres X and y (when fitting the intercept), solves with {@link LeastSquares} (QR + SVD) and
 * sets {@code b = ȳ − x̄·w}, as scikit-learn's {@code LinearRegression} and {@code Ridge} do. With an
 * optimizer it trains the parameters {@code weight [d, 1]} and {@code bias [1]} (only {@code weight}
 * without {@code fitIntercept}), from zero, through
 * {@link GradientTrainer} on the batch loss
 * <pre>  L = mean((x·w + b − y)²) + (α / N)||w||²,   ∂L/∂w = (2/m) Xᵀr + (2α/N) w,   ∂L/∂b = (2/m) Σ r</pre>
 * with residuals {@code r = Xw + b − y} over a batch of {@code m} rows and {@code N} training rows, so that
 * the epoch objective is the closed form's divided by {@code N}. A batch costs two GEMMs and BLAS level-1
 * calls into buffers reused across batches.
 *
 * <p>Reference: Hastie, Tibshirani, Friedman, "The Elements of Statistical Learning", 2nd ed., §3.2 and
 * §3.4.1; scikit-learn 1.2 {@code sklearn.linear_model.LinearRegression} and {@code Ridge}.
 */
public final class LinearRegression implements GradientModel {
  private static final String NAME = "linear-regression";
  private final LinearRegressionOptions options;
  private Parameter weight;
  private Parameter bias;
  private double penalty;
  private INDArray residual;
  private INDArray ones;

  public LinearRegression(LinearRegressionOptions options) {
    this.options = options;
  }

  public LinearRegressionOptions options() {
    return options;
  }

  @Override
  public Fit fit(Dataset train, Training how) {
    long start = System.nanoTime();
    INDArray x = train.features().castTo(DataType.DOUBLE);
    INDArray y = Inputs.target(NAME, train.labels());
    int n = train.size();
    initialise(train.numFeatures(), n);
    if (how.optimizerIfAny().isPresent()) {
      return GradientTrainer.train(this, Dataset.of(x, y), how);
    }
    train.requireFinite();
    INDArray xMean = options.fitIntercept() ? x.mean(0) : Nd4j.zeros(DataType.DOUBLE, x.columns());
    double yMean = options.fitIntercept() ? y.meanNumber().doubleValue() : 0;
    INDArray centred = options.fitIntercept() ? x.subRowVector(xMean) : x;
    double[] w = LeastSquares.solve(centred, options.fitIntercept() ? y.sub(yMean) : y, options.l2());
    INDArray coefficients = Nd4j.createFromArray(w);
    weight.value().assign(coefficients.reshape(w.length, 1));
    bias.value().putScalar(0, yMean - xMean.mul(coefficients).sumNumber().doubleValue());
    double loss = lossAndGradient(new Batch(x, y));
    return new Fit(0, List.of(), loss, Duration.ofNanos(System.nanoTime() - start));
  }

  @Override
  public INDArray predict(INDArray x) {
    requireFitted();
    return Inputs.matrix(NAME, x, weight.value().rows()).mmul(weight.value()).addi(bias.value().getDouble(0))
        .reshape(x.rows());
  }

  @Override
  public List<Parameter> parameters() {
    requireFitted();
    return options.fitIntercept() ? List.of(weight, bias) : List.of(weight);
  }

  @Override
  public double lossAndGradient(Batch batch) {
    INDArray x = batch.features();
    if (weight == null) {
      initialise((int) x.size(1), batch.size());
    }
    Inputs.requireWidth(weight.value().rows(), x);
    x = x.castTo(DataType.DOUBLE);
    INDArray y = Inputs.target(NAME, batch.labels());
    int m = batch.size();
    long d = x.columns();
    if (residual == null || residual.length() != m) {
      residual = Nd4j.create(DataType.DOUBLE, m, 1);
      ones = Nd4j.ones(DataType.DOUBLE, m);
    }
    Level1 blas = Nd4j.getBlasWrapper().level1();
    INDArray w = weight.value();
    blas.copy(y, residual);
    Nd4j.gemm(x, w, residual, false, false, 1.0, -1.0);             // r = Xw − y
    blas.axpy(m, bias.value().getDouble(0), ones, residual);         // r += b
    double loss = blas.dot(m, 1.0, residual, residual) / m;
    Nd4j.gemm(x, residual, weight.gradient(), true, false, 2.0 / m, 0.0);
    bias.gradient().putScalar(0, options.fitIntercept() ? 2.0 / m * blas.dot(m, 1.0, ones, residual) : 0);
    if (penalty > 0) {
      loss += penalty * blas.dot(d, 1.0, w, w);
      blas.axpy(d, 2 * penalty, w, weight.gradient());
    }
    return loss;
  }

  /** The fitted {@code weight [d, 1]} and {@code bias [1]}. */
  @Override
  public Map<String, INDArray> state() {
    requireFitted();
    return Map.of("weight", weight.value(), "bias", bias.value());
  }

  @Override
  public void restore(Map<String, INDArray> state) {
    INDArray w = state.get("weight");
    INDArray b = state.get("bias");
    if (w == null || b == null || w.rank() != 2 || w.size(1) != 1 || b.length() != 1) {
      throw new KilnException("linear-regression state needs weight [d, 1] and bias [1], got weight "
          + (w == null ? "none" : Arrays.toString(w.shape())) + ", bias " + (b == null ? "none"
          : Arrays.toString(b.shape())));
    }
    weight = new Parameter("weight", w.castTo(DataType.DOUBLE).dup());
    bias = new Parameter("bias", b.castTo(DataType.DOUBLE).reshape(1).dup());
  }

  /** The fitted coefficients {@code w}, one per feature. */
  public double[] coefficients() {
    requireFitted();
    return weight.value().reshape(weight.value().length()).toDoubleVector();
  }

  /** The fitted intercept {@code b} (0 without {@code fitIntercept}). */
  public double intercept() {
    requireFitted();
    return bias.value().getDouble(0);
  }

  /** Fresh zero parameters for {@code d} features; the ridge penalty is spread over {@code rows}. */
  private void initialise(int d, int rows) {
    weight = new Parameter("weight", Nd4j.zeros(DataType.DOUBLE, d, 1));
    bias = new Parameter("bias", Nd4j.zeros(DataType.DOUBLE, 1));
    penalty = options.l2() / rows;
  }

  private void requireFitted() {
    if (weight == null) {
      throw Inputs.notFitted(NAME);
    }
  }

  /** The {@code linear-regression} plugin. */
  public static final class Plugin implements ModelProvider {
    @Override
    public String name() {
      return NAME;
    }

    @Override
    public String summary() {
      return "least-squares linear regression, exact (QR + SVD, ridge with l2) or trained by an optimizer";
    }

    @Override
    public String description() {
      return """
          Predicts y = x.w + b. Without an optimizer, fit minimises ||y - Xw - b||^2 + l2 ||w||^2 exactly
          (centre X and y, QR of X then SVD of R, b = mean(y) - mean(x).w), matching scikit-learn's
          LinearRegression (l2 = 0, minimum-norm solution) and Ridge(alpha = l2). With an optimizer it trains
          weight [d, 1] and bias [1] from zero on mean((x.w + b - y)^2) + (l2 / N) ||w||^2.
          Reference: Hastie, Tibshirani, Friedman, The Elements of Statistical Learning, 2nd ed., 3.2 and
          3.4.1; scikit-learn 1.2 LinearRegression and Ridge.
          """;
    }

    @Override
    public Schema schema() {
      return LinearRegressionOptions.SCHEMA;
    }

    @Override
    public Model create(Params params) {
      return new LinearRegression(LinearRegressionOptions.from(params));
    }
  }
}
