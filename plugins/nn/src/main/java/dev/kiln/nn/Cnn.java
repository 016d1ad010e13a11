package dev.kiln.nn;

import dev.kiln.api.KilnException;
import dev.kiln.api.Model;
import dev.kiln.api.ModelProvider;
import dev.kiln.api.Params;
import dev.kiln.api.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A convolutional network, LeNet-like by default: for each entry of {@code filters} a convolution, its
 * activation (after an optional batch normalisation) and a pooling; then flatten, hidden dense layers with
 * activation (and dropout), and a dense output layer:
 * <pre>
 *   [n, c·h·w] → [n, c, h, w] → (conv → [bn] → act → pool)* → flatten → (dense → act → [dropout])* → dense
 * </pre>
 * The defaults are LeNet-5 on 28×28 grey images: conv 1→6 5×5 pad 2, ReLU, max-pool 2, conv 6→16 5×5,
 * ReLU, max-pool 2, dense 400→120→84→classes.
 *
 * <p>Reference: LeCun, Bottou, Bengio, Haffner, "Gradient-based learning applied to document recognition",
 * Proc. IEEE 86(11), 1998.
 */
public final class Cnn extends Network {
  private final CnnOptions options;

  public Cnn(CnnOptions options) {
    super("cnn", options.loss(), options.dtype());
    this.options = options;
  }

  public CnnOptions options() {
    return options;
  }

  @Override
  protected List<Layer> layers(int features, int outputs, SplittableRandom random, long seed) {
    List<Integer> input = options.input();
    if ((long) input.get(0) * input.get(1) * input.get(2) != features) {
      throw new KilnException("cnn: input " + input + " holds " + (long) input.get(0) * input.get(1) * input.get(2)
          + " values but the data rows have " + features + " features; set {input: [channels, height, width]}");
    }
    List<Layer> layers = new ArrayList<>();
    layers.add(new Reshape(input.get(0), input.get(1), input.get(2)));
    int channels = input.get(0);
    long height = input.get(1);
    long width = input.get(2);
    int k = options.kernel();
    for (int i = 0; i < options.filters().size(); i++) {
      int out = options.filters().get(i);
      int pad = options.paddingOf(i);
      layers.add(new Conv2d(channels, out, k, 1, pad, 1, random, dataType()));
      height = height + 2L * pad - k + 1;
      width = width + 2L * pad - k + 1;
      if (options.batchNorm()) {
        layers.add(new BatchNorm(out, 0.1, 1e-5, dataType()));
      }
      layers.add(Activation.of(options.activation()));
      if (options.pool() > 0) {
        int pool = options.pool();
        layers.add(options.poolType().equals("max") ? Pool2d.max(pool, pool, 0) : Pool2d.average(pool, pool, 0));
        height = height < pool ? 0 : (height - pool) / pool + 1;
        width = width < pool ? 0 : (width - pool) / pool + 1;
      }
      if (height < 1 || width < 1) {
        throw new KilnException("cnn: " + input + " images shrink to nothing after convolution " + (i + 1)
            + "; use fewer convolutions, more padding or a smaller kernel or pool");
      }
      channels = out;
    }
    layers.add(new Flatten());
    int size = Math.toIntExact(channels * height * width);
    for (int i = 0; i < options.dense().size(); i++) {
      int next = options.dense().get(i);
      layers.add(new Dense(size, next, true, random, dataType()));
      layers.add(Activation.of(options.activation()));
      if (options.dropout() > 0) {
        layers.add(new Dropout(options.dropout(), seed + i));
      }
      size = next;
    }
    layers.add(new Dense(size, outputs, true, random, dataType()));
    return layers;
  }

  /** The {@code cnn} plugin. */
  public static final class Plugin implements ModelProvider {
    @Override
    public String name() {
      return "cnn";
    }

    @Override
    public String summary() {
      return "convolutional network (LeNet-5 by default): conv, pooling, dense layers; classifies images";
    }

    @Override
    public String description() {
      return """
          Rows of the data are images [channels, height, width] flattened (option input). For each entry of
          filters: conv kernel x kernel (padding per conv), optional batch norm, activation, pooling (pool,
          poolType); then flatten, dense hidden layers (dense) with activation and dropout, and a dense output
          (one per class for loss 'cross-entropy', one per label column for 'mse'). The defaults are LeNet-5 for
          28x28 grey images: conv 1->6 5x5 pad 2, relu, max-pool 2, conv 6->16 5x5, relu, max-pool 2,
          dense 400->120->84->classes. Convolutions and pooling run in oneDNN's kernels.
          Reference: LeCun, Bottou, Bengio, Haffner, Gradient-based learning applied to document recognition,
          Proc. IEEE 86(11), 1998; PyTorch 1.13 torch.nn.Conv2d, MaxPool2d.
          """;
    }

    @Override
    public Schema schema() {
      return CnnOptions.SCHEMA;
    }

    @Override
    public Model create(Params params) {
      return new Cnn(CnnOptions.from(params));
    }
  }
}
