package dev.kiln.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Float32 test inputs and their comparison with a float64 reference, shared by the kernels' tests. */
final class Float32 {
  private Float32() {}

  /** Seeded uniform values in [−0.5, 0.5). */
  static INDArray random(long seed, long... shape) {
    Nd4j.getRandom().setSeed(seed);
    return Nd4j.rand(DataType.FLOAT, shape).subi(0.5);
  }

  /** {@code a} in float64, for the reference computation. */
  static INDArray wide(INDArray a) {
    return a.castTo(DataType.DOUBLE);
  }

  /** {@code actual} is float32 of {@code expected}'s shape, within 1e-5 of it relative to its largest value. */
  static void assertClose(INDArray expected, INDArray actual, String what) {
    assertEquals(DataType.FLOAT, actual.dataType(), what);
    assertEquals(Arrays.toString(expected.shape()), Arrays.toString(actual.shape()), what);
    double scale = Math.max(1, expected.amaxNumber().doubleValue());
    double error = expected.sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue() / scale;
    assertTrue(error < 1e-5, what + ": max error " + error + " relative to " + scale);
  }
}
