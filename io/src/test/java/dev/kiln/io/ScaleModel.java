package dev.kiln.io;

import dev.kiln.api.KilnException;
import dev.kiln.api.Model;
import dev.kiln.api.ModelProvider;
import dev.kiln.api.Option;
import dev.kiln.api.Params;
import dev.kiln.api.Schema;
import dev.kiln.api.data.Dataset;
import dev.kiln.api.train.Fit;
import dev.kiln.api.train.Training;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A test model: fit stores the column means times {@code factor}; predict is x · means. */
final class ScaleModel implements Model {
  static final Option<Double> FACTOR = Option.real("factor", 1.0, "scales the means");
  private final double factor;
  private INDArray means;

  ScaleModel(double factor) {
    this.factor = factor;
  }

  @Override
  public Fit fit(Dataset train, Training how) {
    means = train.features().mean(0).mul(factor);
    return new Fit(0, List.of(), 0, Duration.ZERO);
  }

  @Override
  public INDArray predict(INDArray x) {
    return x.mmul(means.reshape(means.length(), 1)).reshape(x.rows());
  }

  @Override
  public Map<String, INDArray> state() {
    if (means == null) {
      throw new KilnException("scale-test is not fitted");
    }
    return Map.of("means", means);
  }

  @Override
  public void restore(Map<String, INDArray> state) {
    means = state.get("means");
  }

  /** The {@code scale-test} plugin. */
  public static final class Plugin implements ModelProvider {
    @Override
    public String name() {
      return "scale-test";
    }

    @Override
    public String summary() {
      return "test model";
    }

    @Override
    public String description() {
      return "x · (factor × column means). Source: this test.";
    }

    @Override
    public Schema schema() {
      return Schema.of(FACTOR);
    }

    @Override
    public Model create(Params params) {
      return new ScaleModel(params.get(FACTOR));
    }
  }
}
