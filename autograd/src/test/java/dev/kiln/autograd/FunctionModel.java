package dev.kiln.autograd;

import dev.kiln.api.data.Batch;
import dev.kiln.api.data.Dataset;
import dev.kiln.api.train.Fit;
import dev.kiln.api.train.GradientModel;
import dev.kiln.api.train.Parameter;
import dev.kiln.api.train.Training;
import dev.kiln.testkit.GradientCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A function of tensors as a {@link GradientModel} whose parameters are the function's inputs, so that
 * testkit's {@link GradientCheck} compares its autograd gradients with central differences. A non-scalar
 * output {@code y} is reduced to the loss {@code Σ y·w} with fixed weights {@code w} drawn once from
 * {@code [-1, 1]} (seed 7), which checks the whole vector-Jacobian product, not only its sum.
 *
 * <p>{@link #check} checks one input at a time, the others held as constants: {@code GradientCheck} reads a
 * parameter's analytic gradient after it has perturbed (and restored, without recomputing) the parameters
 * before it, so with several parameters the later ones would be compared with gradients taken at a point
 * {@code h} away.
 */
public final class FunctionModel implements GradientModel {
  private final List<Parameter> parameters = new ArrayList<>();
  private final Parameter[] slots;
  private final INDArray[] constants;
  private final Function<List<Tensor>, Tensor> function;
  private INDArray weights;

  /** The function of {@code inputs} with input {@code variable} as the only parameter. */
  public FunctionModel(Function<List<Tensor>, Tensor> function, int variable, INDArray... inputs) {
    this.function = function;
    this.slots = new Parameter[inputs.length];
    this.constants = inputs;
    slots[variable] = new Parameter("input" + variable, inputs[variable].dup('c'));
    parameters.add(slots[variable]);
  }

  /**
   * The largest relative error of {@code function}'s gradients with respect to each of {@code inputs}
   * (float64), step 1e-5.
   */
  public static double check(Function<List<Tensor>, Tensor> function, INDArray... inputs) {
    double worst = 0;
    for (int i = 0; i < inputs.length; i++) {
      worst = Math.max(worst, GradientCheck.maxRelativeError(new FunctionModel(function, i, inputs),
          new Batch(Nd4j.zeros(DataType.DOUBLE, 1, 1), null), 1e-5));
    }
    return worst;
  }

  @Override
  public List<Parameter> parameters() {
    return parameters;
  }

  @Override
  public double lossAndGradient(Batch batch) {
    List<Tensor> leaves = new ArrayList<>();
    for (int i = 0; i < slots.length; i++) {
      Tensor leaf = slots[i] == null ? Tensor.constant(constants[i]) : Tensor.of(slots[i]);
      if (slots[i] != null) {
        leaf.zeroGrad();
      }
      leaves.add(leaf);
    }
    Tensor out = function.apply(leaves);
    if (out.value().length() != 1) {
      if (weights == null) {
        Nd4j.getRandom().setSeed(7);
        weights = Nd4j.rand(out.dataType(), out.shape()).muli(2).subi(1);
      }
      out = Reductions.sum(out.mul(Tensor.constant(weights)));
    }
    out.backward();
    return out.item();
  }

  @Override
  public Fit fit(Dataset train, Training how) {
    throw new UnsupportedOperationException("a gradient-check adapter is not trained");
  }

  @Override
  public INDArray predict(INDArray x) {
    throw new UnsupportedOperationException("a gradient-check adapter does not predict");
  }
}
