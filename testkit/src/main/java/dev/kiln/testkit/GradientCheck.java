package dev.kiln.testkit;

import dev.kiln.api.data.Batch;
import dev.kiln.api.train.GradientModel;
import dev.kiln.api.train.Parameter;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Numeric gradient checks: compares a model's analytic gradients with central differences
 * {@code (L(θ + h) - L(θ - h)) / 2h} element by element. Use float64 parameters.
 */
public final class GradientCheck {
  private GradientCheck() {}

  /**
   * The largest relative error {@code |analytic - numeric| / max(1e-8, |analytic| + |numeric|)} over every
   * element of every parameter, with step {@code h}.
   */
  public static double maxRelativeError(GradientModel model, Batch batch, double h) {
    double worst = 0;
    for (Parameter parameter : model.parameters()) {
      if (parameter.value().dataType() != DataType.DOUBLE) {
        throw new IllegalArgumentException("gradient checks need float64 parameters: " + parameter);
      }
      model.lossAndGradient(batch); // the gradients at the unperturbed point (the loop below overwrote them)
      INDArray analytic = parameter.gradient().dup();
      INDArray flat = parameter.value().reshape(parameter.value().length());
      for (long i = 0; i < flat.length(); i++) {
        double original = flat.getDouble(i);
        flat.putScalar(i, original + h);
        double plus = model.lossAndGradient(batch);
        flat.putScalar(i, original - h);
        double minus = model.lossAndGradient(batch);
        flat.putScalar(i, original);
        double numeric = (plus - minus) / (2 * h);
        double exact = analytic.reshape(analytic.length()).getDouble(i);
        worst = Math.max(worst, Math.abs(exact - numeric) / Math.max(1e-8, Math.abs(exact) + Math.abs(numeric)));
      }
    }
    model.lossAndGradient(batch);
    return worst;
  }
}
