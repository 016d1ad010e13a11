package dev.kiln.kernels;

import static dev.kiln.kernels.Float32.random;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@link Level1#absoluteSum}: the sum of magnitudes, and NaN exactly when an element is NaN; {@link Level1#axpby}
 * against float64 arithmetic, in oneDNN (contiguous float32) and in BLAS (float64, strided views).
 */
class Level1Test {

  @Test
  void axpbyScalesAndAddsInPlace() {
    INDArray x = random(4, 100_003);
    INDArray y = random(5, 100_003);
    INDArray expected = x.castTo(DataType.DOUBLE).muli(0.1).addi(y.castTo(DataType.DOUBLE).muli(0.9));
    Level1.axpby(0.1, x, 0.9, y);
    Float32.assertClose(expected, y, "float32");
    INDArray wideY = random(5, 100_003).castTo(DataType.DOUBLE);
    Level1.axpby(0.1, x.castTo(DataType.DOUBLE), 0.9, wideY);
    assertEquals(0, expected.distance1(wideY), 1e-9, "float64");
    INDArray strided = random(6, 20).get(NDArrayIndex.interval(0, 2, 20));
    INDArray before = strided.dup();
    INDArray other = random(7, 10);
    Level1.axpby(2, other, -1, strided);
    Float32.assertClose(other.castTo(DataType.DOUBLE).muli(2).subi(before.castTo(DataType.DOUBLE)), strided,
        "a strided view");
    INDArray schedule = random(9, 1_000);   // one primitive serves every pair of scalars, given on each call
    INDArray step = random(10, 1_000);
    for (double rate : new double[] {0.5, 0.25, -3}) {
      INDArray expectedStep = schedule.castTo(DataType.DOUBLE).addi(step.castTo(DataType.DOUBLE).muli(rate));
      Level1.axpby(rate, step, 1, schedule);
      Float32.assertClose(expectedStep, schedule, "rate " + rate);
    }
    for (INDArray target : new INDArray[] {Nd4j.createFromArray(Float.NaN, Float.POSITIVE_INFINITY, 1f),
        Nd4j.createFromArray(Double.NaN, Double.POSITIVE_INFINITY, 1.0)}) {   // oneDNN, then BLAS and ND4J
      Level1.axpby(1, Nd4j.onesLike(target), 0, target);
      assertTrue(Double.isNaN(target.getDouble(0)) && Double.isNaN(target.getDouble(1)), "0 · NaN and 0 · ∞ are NaN");
      assertEquals(1, target.getDouble(2));
    }
    INDArray same = random(8, 50);
    INDArray doubled = same.castTo(DataType.DOUBLE).muli(3);
    Level1.axpby(1, same, 2, same);
    Float32.assertClose(doubled, same, "x and y one array");
  }

  @Test
  void absoluteSumIsTheSumOfMagnitudes() {
    INDArray x = random(1, 100_003);
    double expected = 0;
    for (float v : x.toFloatVector()) {
      expected += Math.abs(v);
    }
    assertEquals(expected, Level1.absoluteSum(x), 1e-5 * expected, "float32, BLAS");
    assertEquals(expected, Level1.absoluteSum(x.castTo(DataType.DOUBLE)), 1e-9 * expected, "float64, BLAS");
    INDArray everyOther = x.get(NDArrayIndex.interval(0, 2, 100_003));
    double half = 0;
    for (float v : everyOther.dup().toFloatVector()) {
      half += Math.abs(v);
    }
    assertEquals(half, Level1.absoluteSum(everyOther), 1e-5 * half, "a strided view");
  }

  @Test
  void aNaNAnywhereMakesItNaNAndInfinitiesDoNot() {
    for (int length : new int[] {1, 7, 33, 1_000, 100_001, 3_000_000}) {
      INDArray x = random(2, length);
      for (int at : new int[] {0, length / 2, length - 1}) {
        float old = x.getFloat(at);
        x.putScalar(at, Float.NaN);
        assertTrue(Double.isNaN(Level1.absoluteSum(x)), "NaN at " + at + " of " + length);
        x.putScalar(at, old);
      }
    }
    INDArray x = random(3, 1_000);
    x.putScalar(3, Float.POSITIVE_INFINITY);
    x.putScalar(4, Float.NEGATIVE_INFINITY);
    assertEquals(Double.POSITIVE_INFINITY, Level1.absoluteSum(x));
  }
}
