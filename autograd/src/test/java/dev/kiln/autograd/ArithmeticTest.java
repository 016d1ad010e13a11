package dev.kiln.autograd;

import static dev.kiln.autograd.Inputs.between;
import static dev.kiln.autograd.Inputs.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.KilnException;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Element-wise ops: values, and gradients against central differences in float64, with broadcasting. */
class ArithmeticTest {
  static final double TOLERANCE = 1e-6;

  static void assertGradients(String what, Function<List<Tensor>, Tensor> f, INDArray... inputs) {
    double error = FunctionModel.check(f, inputs);
    assertTrue(error < TOLERANCE, what + ": max relative error " + error);
  }

  @Test
  void binaryOpsBroadcastInEveryDirection() {
    long[][][] shapes = {{{2, 3}, {2, 3}}, {{2, 3}, {3}}, {{2, 1}, {1, 3}}, {{4, 2, 3}, {2, 1}}, {{3}, {2, 3}},
        {{2, 3}, {}}};
    for (long[][] pair : shapes) {
      INDArray a = uniform(1, pair[0]);
      INDArray b = between(2, 0.5, 2.0, pair[1]);
      String shown = java.util.Arrays.toString(pair[0]) + " with " + java.util.Arrays.toString(pair[1]);
      assertGradients("add " + shown, t -> t.get(0).add(t.get(1)), a, b);
      assertGradients("sub " + shown, t -> t.get(0).sub(t.get(1)), a, b);
      assertGradients("mul " + shown, t -> t.get(0).mul(t.get(1)), a, b);
      assertGradients("div " + shown, t -> t.get(0).div(t.get(1)), a, b);
      assertGradients("div by " + shown, t -> t.get(1).div(t.get(0)), between(3, 0.5, 2.0, pair[0]), b);
    }
  }

  @Test
  void unaryOps() {
    INDArray x = between(4, 0.2, 3.0, 3, 4);
    INDArray signed = uniform(5, 3, 4);
    assertGradients("scale", t -> t.get(0).mul(-2.5), signed);
    assertGradients("shift", t -> Arithmetic.shift(t.get(0), 1.5), signed);
    assertGradients("neg", t -> t.get(0).neg(), signed);
    assertGradients("pow", t -> Arithmetic.pow(t.get(0), 2.5), x);
    assertGradients("pow -1", t -> Arithmetic.pow(t.get(0), -1), x);
    assertGradients("exp", t -> Arithmetic.exp(t.get(0)), signed);
    assertGradients("log", t -> Arithmetic.log(t.get(0)), x);
    assertGradients("sqrt", t -> Arithmetic.sqrt(t.get(0)), x);
    assertGradients("abs", t -> Arithmetic.abs(t.get(0)), signed);
  }

  @Test
  void valuesAreTheElementWiseResults() {
    Tensor a = Tensor.constant(Nd4j.createFromArray(new double[][] {{1, 2, 3}, {4, 5, 6}}));
    Tensor b = Tensor.constant(Nd4j.createFromArray(10.0, 20.0, 30.0));
    assertArrayEquals(new double[] {11, 22, 33, 14, 25, 36}, a.add(b).value().data().asDouble(), 0);
    assertArrayEquals(new double[] {0.1, 0.1, 0.1, 0.4, 0.25, 0.2}, a.div(b).value().data().asDouble(), 1e-15);
    assertArrayEquals(new double[] {1, 4, 9, 16, 25, 36},
        Arithmetic.pow(a, 2).value().data().asDouble(), 1e-12);
  }

  @Test
  void rejectsShapesThatDoNotBroadcastAndMixedTypes() {
    Tensor a = Tensor.variable(Nd4j.zeros(DataType.DOUBLE, 2, 3));
    KilnException shapes = assertThrows(KilnException.class,
        () -> a.add(Tensor.constant(Nd4j.zeros(DataType.DOUBLE, 4))));
    assertEquals("add: shapes [2, 3] and [4] do not broadcast (dimension 1: 3 vs 4); sizes must be equal or 1",
        shapes.getMessage());
    KilnException types = assertThrows(KilnException.class,
        () -> a.mul(Tensor.constant(Nd4j.zeros(DataType.FLOAT, 2, 3))));
    assertEquals("mul: operands differ in type, DOUBLE [2, 3] and FLOAT [2, 3]; cast one to the other's type",
        types.getMessage());
  }
}
