package dev.kiln.autograd;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Seeded float64 test inputs, the same on every machine. */
public final class Inputs {
  private Inputs() {}

  /** Uniform values in {@code [low, high)} of {@code shape}, from {@link SplittableRandom}{@code (seed)}. */
  public static INDArray between(long seed, double low, double high, long... shape) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] values = new double[(int) Arrays.stream(shape).reduce(1, (p, q) -> p * q)];
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextDouble(low, high);
    }
    return Nd4j.create(values, shape, DataType.DOUBLE);
  }

  /** Uniform values in {@code [-1, 1)}. */
  public static INDArray uniform(long seed, long... shape) {
    return between(seed, -1, 1, shape);
  }
}
