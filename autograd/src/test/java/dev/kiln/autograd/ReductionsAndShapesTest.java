package dev.kiln.autograd;

import static dev.kiln.autograd.ArithmeticTest.assertGradients;
import static dev.kiln.autograd.Inputs.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.api.KilnException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Reductions, matrix products and shape ops: values, and gradients against central differences. */
class ReductionsAndShapesTest {
  @Test
  void reductionsOverAllAndSomeAxes() {
    INDArray x = uniform(10, 2, 3, 4);
    assertGradients("sum", t -> t.get(0).sum(), x);
    assertGradients("mean", t -> t.get(0).mean(), x);
    assertGradients("sum axis 1", t -> Reductions.sum(t.get(0), false, 1), x);
    assertGradients("sum axes 0,2 keep", t -> Reductions.sum(t.get(0), true, 0, -1), x);
    assertGradients("mean axis -1", t -> Reductions.mean(t.get(0), false, -1), x);
    assertGradients("mean axes 0,1 keep", t -> Reductions.mean(t.get(0), true, 0, 1), x);
    assertGradients("max axis 2", t -> Reductions.max(t.get(0), false, 2), x);
    assertGradients("max axes 0,1 keep", t -> Reductions.max(t.get(0), true, 0, 1), x);
  }

  @Test
  void tiedMaximaShareTheGradient() {
    Tensor x = Tensor.variable(Nd4j.createFromArray(new double[][] {{1, 3, 3}, {2, 0, -1}}));
    Reductions.max(x, false, 1).sum().backward();
    assertArrayEquals(new double[] {0, 0.5, 0.5, 1, 0, 0}, x.grad().data().asDouble(), 0);
    assertArrayEquals(new double[] {3, 2}, Reductions.max(x, false, 1).value().data().asDouble(), 0);
  }

  @Test
  void matrixProducts() {
    assertGradients("matrix", t -> t.get(0).matmul(t.get(1)), uniform(11, 3, 4), uniform(12, 4, 5));
    assertGradients("batch by matrix", t -> t.get(0).matmul(t.get(1)), uniform(13, 2, 3, 4), uniform(14, 4, 2));
    assertGradients("batch by batch", t -> t.get(0).matmul(t.get(1)), uniform(15, 2, 3, 4), uniform(16, 2, 4, 2));
    INDArray a = uniform(17, 2, 3, 4);
    INDArray b = uniform(18, 2, 4, 5);
    INDArray product = Tensor.constant(a).matmul(Tensor.constant(b)).value();
    for (int i = 0; i < 2; i++) {
      assertArrayEquals(a.slice(i).mmul(b.slice(i)).data().asDouble(), product.slice(i).dup().data().asDouble(),
          1e-12);
    }
    KilnException error = assertThrows(KilnException.class,
        () -> Tensor.constant(uniform(1, 3, 4)).matmul(Tensor.constant(uniform(2, 5, 2))));
    assertEquals("matmul: cannot multiply DOUBLE [3, 4] by DOUBLE [5, 2]; need [..., n, k] times [k, m] or "
        + "[..., k, m] with the same leading axes and type", error.getMessage());
  }

  @Test
  void shapeOps() {
    INDArray x = uniform(20, 2, 3, 4);
    assertGradients("reshape", t -> t.get(0).reshape(4, -1), x);
    assertGradients("flatten", t -> Shapes.flatten(t.get(0), 1), x);
    assertGradients("permute", t -> Shapes.permute(t.get(0), 2, 0, 1), x);
    assertGradients("transpose then matmul", t -> t.get(0).transpose(1, 2).matmul(t.get(1)), x, uniform(21, 3, 2));
    assertGradients("concat", t -> Shapes.concat(1, t.get(0), t.get(1), t.get(0)), x, uniform(22, 2, 5, 4));
    assertGradients("slice", t -> Shapes.slice(t.get(0), -1, 1, 3), x);
    INDArray rows = Nd4j.createFromArray(new double[][] {{3, 0, 3}, {1, 1, 4}});
    assertGradients("gather with repeats", t -> Shapes.gather(t.get(0), rows), uniform(23, 5, 3));
  }

  @Test
  void shapeOpValues() {
    Tensor x = Tensor.constant(Nd4j.arange(24).castTo(DataType.DOUBLE).reshape(2, 3, 4));
    assertArrayEquals(new long[] {4, 2, 3}, Shapes.permute(x, 2, 0, 1).shape());
    assertEquals(13.0, Shapes.permute(x, 2, 0, 1).value().getDouble(1, 1, 0));
    assertArrayEquals(new long[] {2, 3, 2}, Shapes.slice(x, 2, 1, 3).shape());
    assertEquals(22.0, Shapes.slice(x, 2, 1, 3).value().getDouble(1, 2, 1));
    INDArray gathered = Shapes.gather(Tensor.constant(Nd4j.arange(12).castTo(DataType.DOUBLE).reshape(4, 3)),
        Nd4j.createFromArray(new int[][] {{3, 0}})).value();
    assertArrayEquals(new long[] {1, 2, 3}, gathered.shape());
    assertArrayEquals(new double[] {9, 10, 11, 0, 1, 2}, gathered.dup().data().asDouble(), 0);
    Tensor joined = Shapes.concat(1, x, Shapes.slice(x, 1, 0, 2));
    assertArrayEquals(new long[] {2, 5, 4}, joined.shape());
    assertEquals(17.0, joined.value().getDouble(1, 4, 1));
  }

  @Test
  void shapeErrorsNameTheShapes() {
    Tensor x = Tensor.constant(Nd4j.zeros(DataType.DOUBLE, 2, 3));
    assertEquals("reshape: cannot view [2, 3] (6 elements) as [4, -1]; the sizes must multiply to 6 (at most one -1)",
        assertThrows(KilnException.class, () -> x.reshape(4, -1)).getMessage());
    assertEquals("slice [1, 5) of axis 1 is out of range for shape [2, 3]; need 0 <= from < to <= 3",
        assertThrows(KilnException.class, () -> Shapes.slice(x, 1, 1, 5)).getMessage());
    assertEquals("gather: index 7 is out of range for 2 rows; indices must be in [0, 1]",
        assertThrows(KilnException.class, () -> Shapes.gather(x, Nd4j.createFromArray(0, 7))).getMessage());
    assertEquals("axis 2 is out of range for a tensor of shape [2, 3]; use an axis in [-2, 1]",
        assertThrows(KilnException.class, () -> Reductions.sum(x, false, 2)).getMessage());
  }
}
