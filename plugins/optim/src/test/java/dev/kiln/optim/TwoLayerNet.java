package dev.kiln.optim;

import dev.kiln.api.data.Batch;
import dev.kiln.api.data.Dataset;
import dev.kiln.api.train.Fit;
import dev.kiln.api.train.GradientModel;
import dev.kiln.api.train.GradientTrainer;
import dev.kiln.api.train.Parameter;
import dev.kiln.api.train.Training;
import java.util.List;
import java.util.function.IntBinaryOperator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A two-layer network {@code out = tanh(x W1 + b1) W2 + b2} with loss {@code mean((out − y)²)}, its backward
 * pass written by hand with ND4J GEMMs (the autograd module does not exist yet):
 * <pre>
 *   r = out − y,  ∂L/∂out = 2r / (n k)
 *   ∂L/∂W2 = hᵀ ∂L/∂out,   ∂L/∂b2 = Σ_rows ∂L/∂out
 *   ∂L/∂pre = (∂L/∂out W2ᵀ) ⊙ (1 − h²)
 *   ∂L/∂W1 = xᵀ ∂L/∂pre,   ∂L/∂b1 = Σ_rows ∂L/∂pre
 * </pre>
 * {@link #reference} is the network and data of {@code tools/reference/optim_torch.py}.
 */
final class TwoLayerNet implements GradientModel, Problem {
  private final Parameter w1;
  private final Parameter b1;
  private final Parameter w2;
  private final Parameter b2;
  private final Batch data;

  TwoLayerNet(INDArray w1, INDArray b1, INDArray w2, INDArray b2, Batch data) {
    this.w1 = new Parameter("layer1.weight", w1);
    this.b1 = new Parameter("layer1.bias", b1);
    this.w2 = new Parameter("layer2.weight", w2);
    this.b2 = new Parameter("layer2.bias", b2);
    this.data = data;
  }

  /** The reference script's network: x [8, 3], y [8, 2], W1 [3, 5], b1 [5], W2 [5, 2], b2 [2]. */
  static TwoLayerNet reference(DataType type) {
    INDArray x = pattern(8, 3, (i, j) -> (i * 7 + j * 5) % 11 - 5).divi(5.0);
    INDArray y = pattern(8, 2, (i, k) -> (i * 3 + k * 7) % 7 - 3).divi(4.0);
    INDArray w1 = pattern(3, 5, (i, j) -> (i * 5 + j * 3) % 9 - 4).divi(10.0);
    INDArray b1 = pattern(1, 5, (i, j) -> (j * 2) % 5 - 2).divi(20.0).reshape(5);
    INDArray w2 = pattern(5, 2, (i, k) -> (i * 3 + k * 5) % 7 - 3).divi(10.0);
    INDArray b2 = Nd4j.createFromArray(0.1, -0.1);
    return new TwoLayerNet(w1.castTo(type), b1.castTo(type), w2.castTo(type), b2.castTo(type),
        new Batch(x.castTo(type), y.castTo(type)));
  }

  private static INDArray pattern(int rows, int columns, IntBinaryOperator value) {
    double[][] out = new double[rows][columns];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < columns; j++) {
        out[i][j] = value.applyAsInt(i, j);
      }
    }
    return Nd4j.createFromArray(out);
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(w1, b1, w2, b2);
  }

  @Override
  public void computeGradients() {
    lossAndGradient(data);
  }

  /** The reference data as a data set, for training through {@link GradientTrainer}. */
  Dataset dataset() {
    return Dataset.of(data.features(), data.labels());
  }

  @Override
  public double lossAndGradient(Batch batch) {
    INDArray x = batch.features();
    INDArray hidden = Transforms.tanh(x.mmul(w1.value()).addiRowVector(b1.value()), false);
    INDArray residual = hidden.mmul(w2.value()).addiRowVector(b2.value()).subi(batch.labels());
    double loss = residual.mul(residual).meanNumber().doubleValue();
    INDArray dOut = residual.muli(2.0 / residual.length());
    Nd4j.gemm(hidden, dOut, w2.gradient(), true, false, 1.0, 0.0);
    b2.gradient().assign(dOut.sum(0));
    INDArray dPre = dOut.mmul(w2.value().transpose()).muli(hidden.mul(hidden).rsubi(1.0));
    Nd4j.gemm(x, dPre, w1.gradient(), true, false, 1.0, 0.0);
    b1.gradient().assign(dPre.sum(0));
    return loss;
  }

  @Override
  public Fit fit(Dataset train, Training how) {
    return GradientTrainer.train(this, train, how);
  }

  @Override
  public INDArray predict(INDArray x) {
    return Transforms.tanh(x.mmul(w1.value()).addiRowVector(b1.value()), false).mmul(w2.value())
        .addiRowVector(b2.value());
  }
}
