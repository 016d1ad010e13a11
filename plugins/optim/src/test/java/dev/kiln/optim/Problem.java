package dev.kiln.optim;

import dev.kiln.api.train.Parameter;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A fixed problem an optimizer is run on in the tests: its parameters and a way to fill their gradients at the
 * current values, as the reference script {@code tools/reference/optim_torch.py} defines it.
 */
interface Problem {
  /** The parameters, in the order the reference script flattens them. */
  List<Parameter> parameters();

  /** Overwrites every gradient with the gradient at the current parameter values. */
  void computeGradients();

  /** Every parameter value flattened row-major, one after another, as float64. */
  default double[] flatValues() {
    return parameters().stream().flatMapToDouble(p -> Arrays.stream(
        p.value().castTo(DataType.DOUBLE).dup('c').reshape(p.value().length()).toDoubleVector())).toArray();
  }

  /** The problem named {@code name} in the reference file ("quadratic" or "mlp") in {@code type}. */
  static Problem named(String name, DataType type) {
    return switch (name) {
      case "quadratic" -> new Quadratic(type);
      case "mlp" -> TwoLayerNet.reference(type);
      default -> throw new IllegalArgumentException("unknown problem " + name);
    };
  }
}
