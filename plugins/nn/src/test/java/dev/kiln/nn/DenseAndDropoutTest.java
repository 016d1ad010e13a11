package dev.kiln.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.KilnException;
import dev.kiln.autograd.FunctionModel;
import dev.kiln.autograd.Inputs;
import dev.kiln.autograd.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Dense layers against PyTorch 1.13's nn.Linear (tools/reference/torch_nn.py: output and the gradients of
 * input, weight and bias to 1e-5 in float32) and central differences in float64; dropout's statistics.
 */
class DenseAndDropoutTest {
  @Test
  void denseMatchesPyTorch() {
    for (String name : new String[] {"dense", "dense_seq"}) {
      TorchCase c = TorchCase.load(name);
      Dense dense = new Dense(c.get("weight"), c.get("bias"));
      Tensor x = c.variable("x");
      c.backwardAndCheck(dense.forward(x, true));
      c.check("grad_x", x.grad());
      c.check("grad_weight", dense.parameters().get(0).gradient());
      c.check("grad_bias", dense.parameters().get(1).gradient());
    }
  }

  @Test
  void denseGradientsMatchCentralDifferences() {
    double error = FunctionModel.check(t -> Dense.linear(t.get(0), t.get(1), t.get(2)),
        Inputs.uniform(51, 2, 3, 5), Inputs.uniform(52, 4, 5), Inputs.uniform(53, 4));
    assertTrue(error < 1e-6, "max relative error " + error);
    double noBias = FunctionModel.check(t -> Dense.linear(t.get(0), t.get(1), null),
        Inputs.uniform(54, 3, 5), Inputs.uniform(55, 4, 5));
    assertTrue(noBias < 1e-6, "without bias: max relative error " + noBias);
  }

  @Test
  void denseNamesBothWidthsOnAMismatch() {
    Dense dense = new Dense(784, 10, true, new SplittableRandom(1), DataType.FLOAT);
    KilnException error = assertThrows(KilnException.class,
        () -> dense.forward(Tensor.constant(Nd4j.zeros(DataType.FLOAT, 2, 785)), false));
    assertEquals("dense layer takes 784 input features, got x of shape [2, 785]; pass [n, 784]", error.getMessage());
  }

  @Test
  void denseStartsAsPyTorchLinearWithinTheFanInBound() {
    Dense dense = new Dense(400, 120, true, new SplittableRandom(3), DataType.FLOAT);
    INDArray w = dense.parameters().get(0).value();
    double bound = 1 / Math.sqrt(400);
    assertTrue(w.amaxNumber().doubleValue() <= bound && w.amaxNumber().doubleValue() > 0.99 * bound);
    assertEquals(0, w.meanNumber().doubleValue(), 0.01 * bound * 10);
    assertEquals(bound / Math.sqrt(3), w.stdNumber().doubleValue(), 0.01 * bound);   // sd of U(-a, a)
  }

  @Test
  void dropoutKeepsOneMinusPScaledAndIsTheIdentityInEvaluation() {
    Tensor x = Tensor.variable(Nd4j.ones(DataType.FLOAT, 200, 500));
    Dropout dropout = new Dropout(0.3, 11);
    Tensor y = dropout.forward(x, true);
    double kept = y.value().gt(0).castTo(DataType.FLOAT).meanNumber().doubleValue();
    assertEquals(0.7, kept, 0.005);                       // 100,000 draws: sd 0.0014
    assertEquals(1 / 0.7, y.value().maxNumber().doubleValue(), 1e-6);
    assertEquals(1.0, y.value().meanNumber().doubleValue(), 0.01);
    y.backward(Nd4j.ones(DataType.FLOAT, 200, 500));
    assertEquals(y.value(), x.grad());                    // ∂x = mask
    assertSame(x, dropout.forward(x, false));
    INDArray again = new Dropout(0.3, 11).forward(x, true).value();
    assertEquals(y.value(), again, "the same seed gives the same mask");
    assertThrows(KilnException.class, () -> new Dropout(1, 0));
  }
}
