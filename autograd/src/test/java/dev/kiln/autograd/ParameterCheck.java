package dev.kiln.autograd;

import dev.kiln.api.data.Batch;
import dev.kiln.api.data.Dataset;
import dev.kiln.api.train.Fit;
import dev.kiln.api.train.GradientModel;
import dev.kiln.api.train.Parameter;
import dev.kiln.api.train.Training;
import dev.kiln.testkit.GradientCheck;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * testkit's {@link GradientCheck} applied to one parameter of a model at a time: GradientCheck reads a
 * parameter's analytic gradient after perturbing (and restoring, without recomputing) the parameters before
 * it, so on a model with several parameters the later ones would be compared with gradients taken at a
 * point {@code h} away. Each pass here shows GradientCheck a view of the model with a single parameter.
 */
public final class ParameterCheck implements GradientModel {
  private final GradientModel model;
  private final Parameter only;

  private ParameterCheck(GradientModel model, Parameter only) {
    this.model = model;
    this.only = only;
  }

  /** The largest relative error over every parameter of {@code model} on {@code batch}, step {@code h}. */
  public static double maxRelativeError(GradientModel model, Batch batch, double h) {
    return maxRelativeError(model, model.parameters(), batch, h);
  }

  /** The largest relative error over {@code parameters} of {@code model} on {@code batch}, step {@code h}. */
  public static double maxRelativeError(GradientModel model, List<Parameter> parameters, Batch batch, double h) {
    double worst = 0;
    for (Parameter p : parameters) {
      worst = Math.max(worst, GradientCheck.maxRelativeError(new ParameterCheck(model, p), batch, h));
    }
    return worst;
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(only);
  }

  @Override
  public double lossAndGradient(Batch batch) {
    return model.lossAndGradient(batch);
  }

  @Override
  public Fit fit(Dataset train, Training how) {
    throw new UnsupportedOperationException("a gradient-check view is not trained");
  }

  @Override
  public INDArray predict(INDArray x) {
    throw new UnsupportedOperationException("a gradient-check view does not predict");
  }
}
