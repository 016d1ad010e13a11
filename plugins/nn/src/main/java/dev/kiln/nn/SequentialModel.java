package dev.kiln.nn;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Layers a user assembled, as a trainable model: the same fitting, prediction and evaluation as the
 * {@code mlp}, {@code cnn} and {@code rnn} models, on a network given rather than built from options.
 * {@link #fit} trains the layers from their current values (they are not re-initialised), and the last layer's
 * width must match the task: one output per class for {@code cross-entropy}, one per label column for
 * {@code mse}.
 *
 * <pre>{@code
 * SplittableRandom random = new SplittableRandom(7);
 * Network model = new SequentialModel(List.of(new Dense(64, 32, true, random, DataType.FLOAT),
 *     Activation.of("gelu"), new LayerNorm(32, 1e-5, DataType.FLOAT), new Dense(32, 10, true, random,
 *     DataType.FLOAT)), "cross-entropy", "float32");
 * }</pre>
 *
 * <p>Reference: PyTorch 1.13 {@code torch.nn.Sequential}.
 */
public final class SequentialModel extends Network {
  private final List<Layer> layers;

  /** A model of {@code layers} with loss {@code cross-entropy} or {@code mse} in {@code float32} or {@code float64}. */
  public SequentialModel(List<Layer> layers, String loss, String dtype) {
    super("sequential", Network.LOSS.check(loss), Network.DTYPE.check(dtype));
    this.layers = List.copyOf(layers);
  }

  @Override
  protected List<Layer> layers(int features, int outputs, SplittableRandom random, long seed) {
    return layers;
  }
}
