package dev.kiln.nn;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Initial parameter values, drawn in Java from a seeded {@link SplittableRandom} so that a model built with
 * the same seed starts from the same numbers on every machine (this runs once per model, never per batch).
 *
 * <p>{@link #fanIn} is PyTorch's default for {@code Linear}, {@code Conv2d} and {@code RNN}:
 * {@code kaiming_uniform_(a=√5)} on the weight, which is {@code U(−1/√fan_in, 1/√fan_in)}, and the same
 * bound for the bias. Reference: PyTorch 1.13 {@code torch/nn/modules/linear.py} ({@code reset_parameters}).
 */
final class Init {
  private Init() {}

  /** {@code U(−1/√fanIn, 1/√fanIn)} of {@code shape}. */
  static INDArray fanIn(SplittableRandom random, long fanIn, DataType type, long... shape) {
    return uniform(random, 1 / Math.sqrt(fanIn), type, shape);
  }

  /** {@code U(−bound, bound)} of {@code shape}. */
  static INDArray uniform(SplittableRandom random, double bound, DataType type, long... shape) {
    double[] values = new double[Math.toIntExact(length(shape))];
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextDouble(-bound, bound);
    }
    return Nd4j.create(values, shape, DataType.DOUBLE).castTo(type);
  }

  /** {@code N(0, 1)} of {@code shape} (PyTorch's {@code Embedding} default). */
  static INDArray normal(SplittableRandom random, DataType type, long... shape) {
    double[] values = new double[Math.toIntExact(length(shape))];
    for (int i = 0; i < values.length; i += 2) {
      // Box–Muller: two independent standard normals from two uniforms
      double radius = Math.sqrt(-2 * Math.log(1 - random.nextDouble()));
      double angle = 2 * Math.PI * random.nextDouble();
      values[i] = radius * Math.cos(angle);
      if (i + 1 < values.length) {
        values[i + 1] = radius * Math.sin(angle);
      }
    }
    return Nd4j.create(values, shape, DataType.DOUBLE).castTo(type);
  }

  private static long length(long[] shape) {
    long n = 1;
    for (long s : shape) {
      n *= s;
    }
    return n;
  }
}
