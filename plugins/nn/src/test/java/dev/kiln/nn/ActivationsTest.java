package dev.kiln.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.KilnException;
import dev.kiln.autograd.FunctionModel;
import dev.kiln.autograd.Inputs;
import dev.kiln.autograd.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Activations against PyTorch 1.13 (tools/reference/torch_nn.py, float32, outputs and input gradients to
 * 1e-5) and against central differences in float64 (relative error below 1e-6).
 */
class ActivationsTest {
  static Map<String, UnaryOperator<Tensor>> activations() {
    Map<String, UnaryOperator<Tensor>> all = new LinkedHashMap<>();
    all.put("sigmoid", Activations::sigmoid);
    all.put("relu", Activations::relu);
    all.put("leaky_relu", x -> Activations.leakyRelu(x, 0.05));
    all.put("tanh", Activations::tanh);
    all.put("softmax", x -> Activations.softmax(x, 1, 1));
    all.put("softmax_t", x -> Activations.softmax(x, 0, 0.5));
    all.put("log_softmax", x -> Activations.logSoftmax(x, 1));
    all.put("glu", x -> Activations.glu(x, -1));
    all.put("silu", Activations::silu);
    all.put("gelu", Activations::gelu);
    return all;
  }

  @Test
  void matchPyTorch() {
    activations().forEach((name, f) -> {
      TorchCase c = TorchCase.load("act_" + name);
      Tensor x = c.variable("x");
      c.backwardAndCheck(f.apply(x));
      c.check("grad_x", x.grad());
    });
  }

  @Test
  void gradientsMatchCentralDifferences() {
    // values kept 0.05 away from ReLU's kink at 0
    var x = Inputs.between(31, 0.05, 2.0, 4, 6).mul(Nd4j.createFromArray(1.0, -1, 1, -1, 1, -1));
    activations().forEach((name, f) -> {
      double error = FunctionModel.check(t -> f.apply(t.get(0)), x);
      assertTrue(error < 1e-6, name + ": max relative error " + error);
    });
  }

  @Test
  void rejectsBadArguments() {
    Tensor x = Tensor.constant(Nd4j.zeros(DataType.FLOAT, 2, 3));
    assertEquals("glu halves axis -1 of shape [2, 3], which has odd size 3; give it an even size",
        assertThrows(KilnException.class, () -> Activations.glu(x, -1)).getMessage());
    assertEquals("softmax temperature 0.0 must be > 0 (1 is the plain softmax)",
        assertThrows(KilnException.class, () -> Activations.softmax(x, 1, 0)).getMessage());
  }
}
