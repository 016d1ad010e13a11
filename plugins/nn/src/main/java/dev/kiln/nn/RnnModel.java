package dev.kiln.nn;

import dev.kiln.api.KilnException;
import dev.kiln.api.Model;
import dev.kiln.api.ModelProvider;
import dev.kiln.api.Params;
import dev.kiln.api.Schema;
import dev.kiln.autograd.Shapes;
import dev.kiln.autograd.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A sequence classifier or regressor: stacked tanh {@link Rnn} layers over the steps of each row, then a dense
 * layer on the last hidden state,
 * <pre>
 *   [n, T·F] → [n, T, F] → rnn → … → rnn → h_{T−1} [n, H] → [dropout] → dense → outputs
 * </pre>
 * trained by back-propagation through time with any optimizer.
 *
 * <p>Reference: Elman, "Finding structure in time", Cognitive Science 14, 1990; Goodfellow, Bengio,
 * Courville, "Deep Learning", MIT Press 2016, §10.2.
 */
public final class RnnModel extends Network {
  private final RnnOptions options;

  public RnnModel(RnnOptions options) {
    super("rnn", options.loss(), options.dtype());
    this.options = options;
  }

  public RnnOptions options() {
    return options;
  }

  @Override
  protected List<Layer> layers(int features, int outputs, SplittableRandom random, long seed) {
    int f = options.inputSize();
    if (features % f != 0) {
      throw new KilnException("rnn: rows of " + features + " features do not split into steps of inputSize " + f
          + "; set {inputSize: ...} to a divisor of " + features);
    }
    List<Layer> layers = new ArrayList<>();
    layers.add(new Reshape(features / f, f));
    int width = f;
    for (int i = 0; i < options.layers(); i++) {
      if (i > 0 && options.dropout() > 0) {
        layers.add(new Dropout(options.dropout(), seed + i));
      }
      layers.add(new Rnn(width, options.hidden(), random, dataType()));
      width = options.hidden();
    }
    layers.add(new LastStep());
    if (options.dropout() > 0) {
      layers.add(new Dropout(options.dropout(), seed + options.layers()));
    }
    layers.add(new Dense(width, outputs, true, random, dataType()));
    return layers;
  }

  /** The last time step of a sequence {@code [n, T, H]}: {@code [n, H]}. */
  private static final class LastStep implements Layer {
    @Override
    public Tensor forward(Tensor x, boolean training) {
      long steps = x.size(1);
      return Shapes.slice(x, 1, steps - 1, steps).reshape(x.size(0), x.size(2));
    }
  }

  /** The {@code rnn} plugin. */
  public static final class Plugin implements ModelProvider {
    @Override
    public String name() {
      return "rnn";
    }

    @Override
    public String summary() {
      return "recurrent network (stacked tanh RNN, BPTT) classifying or regressing sequences";
    }

    @Override
    public String description() {
      return """
          Each data row is a sequence of T steps of inputSize features, step after step. Stacked Elman layers
          h_t = tanh(x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh) from h_{-1} = 0 (layers, hidden), then a dense
          layer on the last hidden state: one output per class (loss 'cross-entropy') or per label column
          ('mse'). Trained by back-propagation through time, written by hand as one fused op per layer.
          Reference: Elman, Finding structure in time, Cognitive Science 14, 1990; PyTorch 1.13 torch.nn.RNN.
          """;
    }

    @Override
    public Schema schema() {
      return RnnOptions.SCHEMA;
    }

    @Override
    public Model create(Params params) {
      return new RnnModel(RnnOptions.from(params));
    }
  }
}
