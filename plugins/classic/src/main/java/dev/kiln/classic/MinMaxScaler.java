package dev.kiln.classic;

import dev.kiln.api.Model;
import dev.kiln.api.ModelProvider;
import dev.kiln.api.Params;
import dev.kiln.api.Schema;
import dev.kiln.api.Transformer;
import dev.kiln.api.data.Dataset;
import dev.kiln.api.train.Fit;
import dev.kiln.api.train.Training;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Min-max scaling of each feature to {@code [a, b]}: {@code z = x·s + m} with
 * {@code s = (b − a) / (max − min)} and {@code m = a − min·s}, from the training minimum and maximum; a
 * constant feature (range below {@code 10 eps}) gets {@code s = b − a}. Test values outside the training range
 * map outside {@code [a, b]}. As scikit-learn's {@code MinMaxScaler} ({@code scale_} and {@code min_}, the
 * transform in that order of operations); {@code predict} is {@code transform}.
 *
 * <p>Reference: scikit-learn 1.2 {@code sklearn.preprocessing.MinMaxScaler}.
 */
public final class MinMaxScaler implements Transformer {
  private static final String NAME = "min-max";
  private final MinMaxOptions options;
  private INDArray dataMin;
  private INDArray dataMax;
  private INDArray scale;
  private INDArray min;

  public MinMaxScaler(MinMaxOptions options) {
    this.options = options;
  }

  public MinMaxOptions options() {
    return options;
  }

  @Override
  public Fit fit(Dataset train, Training how) {
    Inputs.withoutOptimizer(NAME, how);
    long start = System.nanoTime();
    INDArray x = Inputs.matrix(NAME, train.features());
    dataMin = x.min(0);
    dataMax = x.max(0);
    double[] low = dataMin.toDoubleVector();
    double[] high = dataMax.toDoubleVector();
    double[] s = new double[low.length];
    double[] m = new double[low.length];
    for (int f = 0; f < low.length; f++) {
      double range = high[f] - low[f];
      s[f] = (options.max() - options.min()) / (range < 10 * Math.ulp(1.0) ? 1 : range);
      m[f] = options.min() - low[f] * s[f];
    }
    scale = Nd4j.createFromArray(s);
    min = Nd4j.createFromArray(m);
    return new Fit(0, List.of(), 0, Duration.ofNanos(System.nanoTime() - start));
  }

  /** {@code x·s + m} with the training coefficients. */
  @Override
  public INDArray transform(INDArray x) {
    if (scale == null) {
      throw Inputs.notFitted(NAME);
    }
    return Inputs.matrix(NAME, x, scale.length()).mulRowVector(scale).addiRowVector(min);
  }

  @Override
  public INDArray predict(INDArray x) {
    return transform(x);
  }

  /** {@code dataMin}, {@code dataMax}, {@code scale} and {@code min} per feature (scikit-learn's data_min_, ...). */
  @Override
  public Map<String, Object> attributes() {
    return scale == null ? Map.of() : new LinkedHashMap<>(state());
  }

  @Override
  public Map<String, INDArray> state() {
    if (scale == null) {
      throw Inputs.notFitted(NAME);
    }
    Map<String, INDArray> out = new LinkedHashMap<>();
    out.put("dataMin", dataMin);
    out.put("dataMax", dataMax);
    out.put("scale", scale);
    out.put("min", min);
    return out;
  }

  @Override
  public void restore(Map<String, INDArray> state) {
    List<INDArray> v = Inputs.featureVectors(NAME, state, "dataMin", "dataMax", "scale", "min");
    dataMin = v.get(0);
    dataMax = v.get(1);
    scale = v.get(2);
    min = v.get(3);
  }

  /** The {@code min-max} plugin. */
  public static final class Plugin implements ModelProvider {
    @Override
    public String name() {
      return NAME;
    }

    @Override
    public String summary() {
      return "scale each feature to [min, max] using the training range (sklearn MinMaxScaler)";
    }

    @Override
    public String description() {
      return """
          Per feature, z = x * s + m with s = (max - min) / (dataMax - dataMin) and m = min - dataMin * s, from
          the training data's minimum and maximum (a constant feature gets s = max - min). Fit on the training
          data, then transform (or predict) training and test data alike. Attributes: dataMin, dataMax,
          scale, min.
          Reference: scikit-learn 1.2 sklearn.preprocessing.MinMaxScaler.
          """;
    }

    @Override
    public Schema schema() {
      return MinMaxOptions.SCHEMA;
    }

    @Override
    public Model create(Params params) {
      return new MinMaxScaler(MinMaxOptions.from(params));
    }
  }
}
