package dev.kiln.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.KilnException;
import dev.kiln.api.train.Parameter;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** The graph mechanics: the tape order, accumulation, no-grad scopes, detach and parameter binding. */
class TensorTest {
  static Tensor vector(double... values) {
    return Tensor.variable(Nd4j.createFromArray(values));
  }

  @Test
  void aTensorUsedTwiceGetsBothContributions() {
    Tensor x = vector(1, -2, 3);
    Tensor y = x.mul(x).add(x).mul(3).sum();          // d/dx 3(x² + x) = 6x + 3
    y.backward();
    assertArrayEquals(new double[] {9, -9, 21}, x.grad().data().asDouble(), 1e-12);
    assertEquals(3 * (2 + 2 + 12), y.item(), 1e-12);
  }

  @Test
  void gradientsAccumulateUntilZeroed() {
    Tensor x = vector(1, 2);
    x.mul(x).sum().backward();
    x.mul(x).sum().backward();
    assertArrayEquals(new double[] {4, 8}, x.grad().data().asDouble(), 1e-12);
    x.zeroGrad();
    assertNull(x.grad());
    x.sum().backward();
    assertArrayEquals(new double[] {1, 1}, x.grad().data().asDouble(), 0);
  }

  @Test
  void parameterLeavesAccumulateIntoTheParameterGradient() {
    Parameter p = new Parameter("w", Nd4j.createFromArray(new double[][] {{1, 2}, {3, 4}}));
    Tensor w = Tensor.of(p);
    Tensor x = Tensor.constant(Nd4j.createFromArray(new double[][] {{1, 0}, {0, 1}, {1, 1}}));
    x.matmul(w).sum().backward();                      // d/dW Σ xW = xᵀ 1
    assertArrayEquals(new double[] {2, 2, 2, 2}, p.gradient().data().asDouble(), 0);
    x.matmul(w).sum().backward();
    assertArrayEquals(new double[] {4, 4, 4, 4}, p.gradient().data().asDouble(), 0);
    w.zeroGrad();
    assertArrayEquals(new double[] {0, 0, 0, 0}, p.gradient().data().asDouble(), 0);
    assertTrue(w.isLeaf() && w.requiresGrad());
  }

  @Test
  void noGradScopesRecordNothingAndNest() {
    Tensor x = vector(1, 2);
    Tensor inside;
    try (GradMode.Scope off = GradMode.disabled()) {
      inside = x.mul(x);
      try (GradMode.Scope again = GradMode.disabled()) {
        assertFalse(GradMode.isEnabled());
      }
      assertFalse(GradMode.isEnabled());
    }
    assertTrue(GradMode.isEnabled());
    assertFalse(inside.requiresGrad());
    assertEquals("constant", inside.op());
    assertFalse(GradMode.noGrad(() -> x.add(x)).requiresGrad());
    assertTrue(x.add(x).requiresGrad());
    KilnException error = assertThrows(KilnException.class, () -> inside.sum().backward());
    assertTrue(error.getMessage().startsWith("backward() on a tensor that does not require a gradient"));
  }

  @Test
  void detachStopsTheGradient() {
    Tensor x = vector(2, 3);
    Tensor y = x.mul(x.detach()).sum();                // d/dx x·c = c
    y.backward();
    assertArrayEquals(new double[] {2, 3}, x.grad().data().asDouble(), 0);
  }

  @Test
  void intermediateGradientsAreReleased() {
    Tensor x = vector(1, 2);
    Tensor h = x.mul(2);
    h.sum().backward();
    assertNull(h.grad());
    assertArrayEquals(new double[] {2, 2}, x.grad().data().asDouble(), 0);
  }

  @Test
  void aLongChainDoesNotOverflowTheStack() {
    Tensor x = vector(1);
    Tensor y = x;
    for (int i = 0; i < 20_000; i++) {
      y = Arithmetic.shift(y, 0.0);
    }
    y.sum().backward();
    assertEquals(1.0, x.grad().getDouble(0));
  }

  @Test
  void backwardNeedsAScalarOrAGradient() {
    Tensor x = vector(1, 2);
    KilnException error = assertThrows(KilnException.class, () -> x.mul(x).backward());
    assertEquals("backward() starts from a scalar loss, got shape [2]; reduce it first (sum() or mean()) or pass "
        + "the output gradient to backward(gradient)", error.getMessage());
    x.mul(x).backward(Nd4j.createFromArray(1.0, 10.0));
    assertArrayEquals(new double[] {2, 40}, x.grad().data().asDouble(), 0);
  }

  @Test
  void float32Works() {
    Tensor x = Tensor.variable(Nd4j.createFromArray(1f, 2f));
    x.mul(x).sum().backward();
    assertEquals(DataType.FLOAT, x.grad().dataType());
    assertArrayEquals(new float[] {2, 4}, x.grad().data().asFloat(), 0);
  }
}
