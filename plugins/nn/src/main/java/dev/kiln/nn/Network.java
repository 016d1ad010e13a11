package dev.kiln.nn;

import dev.kiln.api.Classifier;
import dev.kiln.api.KilnException;
import dev.kiln.api.Option;
import dev.kiln.api.data.Batch;
import dev.kiln.api.data.Dataset;
import dev.kiln.api.train.Fit;
import dev.kiln.api.train.GradientModel;
import dev.kiln.api.train.GradientTrainer;
import dev.kiln.api.train.Parameter;
import dev.kiln.api.train.Training;
import dev.kiln.autograd.GradMode;
import dev.kiln.autograd.Scratch;
import dev.kiln.autograd.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * What the {@code mlp}, {@code cnn} and {@code rnn} models share: a {@link Sequential} network built by the
 * subclass when {@link #fit} sees the data, trained by {@link GradientTrainer} with any optimizer on one of two
 * heads:
 * <ul>
 *   <li>{@code cross-entropy} (classification): one output per class (classes {@code 0..k-1}, k from the labels
 *       or the data set's class names), softmax cross-entropy; {@link #predict} gives the argmax class,
 *       {@link #predictProba} the softmax;</li>
 *   <li>{@code mse} (regression): one output per label column, mean squared error; {@link #predict} gives the
 *       outputs ({@code [n]} for one target).</li>
 * </ul>
 * Computation is float32 unless the {@code dtype} option asks for float64 (for gradient checks). Fitting
 * initialises the parameters from the training seed, so the same seed gives the same model.
 *
 * <p>Reference: Goodfellow, Bengio, Courville, "Deep Learning", MIT Press 2016, ch. 6 and 8.
 */
public abstract class Network implements GradientModel, Classifier {
  static final Option<String> LOSS = Option.choice("loss", "cross-entropy",
      "cross-entropy: classify (labels are class indices); mse: regress (labels are values)",
      "cross-entropy", "mse");
  static final Option<String> DTYPE = Option.choice("dtype", "float32",
      "floating-point type of parameters and computation (float64 for gradient checks)", "float32", "float64");
  private static final int PREDICT_ROWS = 4096;

  private final String name;
  private final boolean classify;
  private final DataType type;
  private Sequential net;
  private List<Parameter> parameters;
  private int features;
  private int outputs;
  private OptionalInt lastBatchCorrect = OptionalInt.empty();

  protected Network(String name, String loss, String dtype) {
    this.name = name;
    this.classify = loss.equals("cross-entropy");
    this.type = dtype.equals("float64") ? DataType.DOUBLE : DataType.FLOAT;
  }

  /** The layers for {@code features} inputs and {@code outputs} outputs, initialised from {@code random}. */
  protected abstract List<Layer> layers(int features, int outputs, SplittableRandom random, long seed);

  /** The floating-point type of the parameters and the computation. */
  protected DataType dataType() {
    return type;
  }

  /** Builds fresh layers for {@code features} inputs and {@code outputs} outputs from {@code seed}. */
  public void build(int features, int outputs, long seed) {
    this.net = new Sequential(layers(features, outputs, new SplittableRandom(seed), seed));
    this.parameters = net.parameters();
    this.features = features;
    this.outputs = outputs;
  }

  @Override
  public Fit fit(Dataset train, Training how) {
    if (train.size() == 0) {
      throw new KilnException(name + ": the training data has no rows; pass at least one");
    }
    INDArray labels = train.labels();
    build(train.numFeatures(), classify ? classes(train) : (int) (labels.rank() == 1 ? 1 : labels.size(1)),
        how.seed());
    // labels checked once here; batches then carry one-hot rows, so a step does no label checks
    INDArray y = classify ? Losses.oneHot(labels, outputs, type) : column(labels).castTo(type);
    try {
      return GradientTrainer.train(this, Dataset.of(train.features().castTo(type), y), how);
    } finally {
      Scratch.release(workspace());
    }
  }

  private String workspace() {
    return "kiln-" + name;
  }

  /** Regression targets as a matrix: {@code [n] → [n, 1]}. */
  private static INDArray column(INDArray labels) {
    return labels.rank() == 1 ? labels.reshape(labels.length(), 1) : labels;
  }

  private int classes(Dataset train) {
    double high = train.labels().maxNumber().doubleValue();
    return Math.max((int) high + 1, train.classNames().size());
  }

  @Override
  public List<Parameter> parameters() {
    requireBuilt();
    return parameters;
  }

  /**
   * The fitted network: {@code shape} = [features, outputs], then every parameter and buffer by its
   * {@link Sequential} name ({@code "0.weight"}, {@code "1.running_mean"}).
   */
  @Override
  public Map<String, INDArray> state() {
    requireBuilt();
    Map<String, INDArray> state = new LinkedHashMap<>();
    state.put("shape", Nd4j.createFromArray((long) features, outputs));
    parameters.forEach(p -> state.put(p.name(), p.value()));
    state.putAll(net.buffers());
    return state;
  }

  @Override
  public void restore(Map<String, INDArray> state) {
    INDArray shape = state.get("shape");
    if (shape == null || shape.length() != 2) {
      throw new KilnException(name + " state needs 'shape' = [features, outputs]");
    }
    build(shape.getInt(0), shape.getInt(1), 0);
    Map<String, INDArray> targets = new LinkedHashMap<>(net.buffers());
    parameters.forEach(p -> targets.put(p.name(), p.value()));
    targets.forEach((key, target) -> {
      INDArray saved = state.get(key);
      if (saved == null || !Arrays.equals(saved.shape(), target.shape())) {
        throw new KilnException(name + " state: tensor '" + key + "' should have shape "
            + Arrays.toString(target.shape()) + ", got " + (saved == null ? "none" : Arrays.toString(saved.shape()))
            + "; the file was saved with other options");
      }
      target.assign(saved.castTo(type));
    });
  }

  /**
   * The mean loss of {@code batch}, with every parameter's gradient overwritten. Classifiers take class indices
   * {@code [b]} or class probabilities {@code [b, classes]} (one-hot rows) as labels, and count the rows whose
   * highest logit is the label's class ({@link #lastBatchCorrect()}). The step runs in a {@link Scratch}
   * workspace: nothing it allocates outlives it.
   */
  @Override
  public double lossAndGradient(Batch batch) {
    requireWidth(batch.features());
    if (batch.size() == 0) {
      throw new KilnException(name + ": an empty batch has no loss; pass at least one row");
    }
    return Scratch.run(workspace(), () -> {
      for (Parameter p : parameters) {
        zero(p.gradient());
      }
      Tensor out = net.forward(Tensor.constant(batch.features().castTo(type)), true);
      INDArray labels = batch.labels().castTo(type);
      if (classify) {
        lastBatchCorrect = OptionalInt.of(GradientModel.countCorrect(out.value(), labels));
      }
      Tensor loss = !classify ? Losses.mse(out, Tensor.constant(column(labels)))
          : labels.rank() == 2 ? Losses.crossEntropy(out, labels)
          : Losses.crossEntropy(out, labels, 0, Losses.DEFAULT_IGNORE_INDEX);
      loss.backward();
      return loss.item();
    });
  }

  /**
   * Zeroes a gradient: one {@code memset} of a whole buffer (5 µs on 200,000 floats, where ND4J's
   * {@code assign(0)} op takes 16), the op otherwise.
   */
  private static void zero(INDArray gradient) {
    if (gradient.elementWiseStride() == 1 && gradient.length() == gradient.data().length()) {
      Nd4j.getMemoryManager().memset(gradient);
    } else {
      gradient.assign(0);
    }
  }

  /** Empty for regressors (loss {@code mse}). */
  @Override
  public OptionalInt lastBatchCorrect() {
    return lastBatchCorrect;
  }

  /** The network's outputs (logits or regression values) for {@code x [n, features]}, in evaluation mode. */
  public INDArray scores(INDArray x) {
    requireWidth(x);
    Dataset.unlabelled(x).requireFinite();
    List<INDArray> parts = new ArrayList<>();
    try (GradMode.Scope off = GradMode.disabled()) {
      for (long from = 0; from < x.rows(); from += PREDICT_ROWS) {
        INDArray rows = x.get(NDArrayIndex.interval(from, Math.min(x.rows(), from + PREDICT_ROWS)), NDArrayIndex.all());
        parts.add(net.forward(Tensor.constant(rows.castTo(type)), false).value());
      }
    }
    return parts.size() == 1 ? parts.get(0) : Nd4j.concat(0, parts.toArray(INDArray[]::new));
  }

  /** The mean loss over {@code data} and, for classifiers, the accuracy (NaN for regressors). */
  public record Evaluation(double loss, double accuracy) {}

  /**
   * The mean loss and the accuracy on {@code data} in evaluation mode (no dropout, batch norm on its running
   * statistics), without gradients: a score for {@link dev.kiln.api.train.Validation} after each epoch.
   */
  public Evaluation evaluate(Dataset data) {
    if (data.size() == 0) {
      throw new KilnException(name + ": cannot evaluate on a data set with no rows");
    }
    INDArray scores = scores(data.features());
    INDArray labels = data.labels().castTo(type);
    try (GradMode.Scope off = GradMode.disabled()) {
      Tensor out = Tensor.constant(scores);
      if (!classify) {
        return new Evaluation(Losses.mse(out, Tensor.constant(column(labels))).item(), Double.NaN);
      }
      double loss = Losses.crossEntropy(out, labels, 0, Losses.DEFAULT_IGNORE_INDEX).item();
      INDArray predicted = Nd4j.argMax(scores, 1).castTo(type);
      return new Evaluation(loss, labels.reshape(predicted.shape()).eq(predicted).castTo(DataType.DOUBLE)
          .meanNumber().doubleValue());
    }
  }

  @Override
  public INDArray predict(INDArray x) {
    INDArray scores = scores(x);
    if (classify) {
      return Nd4j.argMax(scores, 1).castTo(DataType.DOUBLE);
    }
    return outputs == 1 ? scores.reshape(scores.rows()) : scores;
  }

  /** Whether this network classifies (loss cross-entropy) rather than regresses (loss mse). */
  @Override
  public boolean classifies() {
    return classify;
  }

  @Override
  public INDArray predictProba(INDArray x) {
    if (!classify) {
      throw new KilnException(name + " with loss 'mse' regresses and has no class probabilities; use predict, "
          + "or {loss: 'cross-entropy'} to classify");
    }
    return Activations.softmax(Tensor.constant(scores(x)), 1, 1).value();
  }

  @Override
  public Map<String, Object> attributes() {
    if (net == null) {
      return Map.of();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("features", features);
    out.put(classify ? "classes" : "outputs", outputs);
    out.put("parameters", parameters.stream().mapToLong(p -> p.value().length()).sum());
    return out;
  }

  private void requireBuilt() {
    if (net == null) {
      throw new KilnException(name + " is not fitted: call fit(data) first");
    }
  }

  private void requireWidth(INDArray x) {
    requireBuilt();
    if (x.rank() != 2 || x.size(1) != features) {
      throw new KilnException(name + " was built for " + features + " features, x has shape "
          + Arrays.toString(x.shape()) + "; pass a matrix [n, " + features + "]");
    }
  }
}
