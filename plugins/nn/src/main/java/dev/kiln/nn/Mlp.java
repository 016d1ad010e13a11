package dev.kiln.nn;

import dev.kiln.api.Model;
import dev.kiln.api.ModelProvider;
import dev.kiln.api.Params;
import dev.kiln.api.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A multi-layer perceptron: dense layers with an activation (and optional dropout) between them,
 * <pre>
 *   h₀ = x,   hₗ = dropout(act(hₗ₋₁·Wₗᵀ + bₗ)),   out = h_L·W_{L+1}ᵀ + b_{L+1}
 * </pre>
 * trained by back-propagation with any optimizer on softmax cross-entropy (classification) or mean squared
 * error (regression). The MLP of seed document 001 (ReLU neurons in layers, MSE, mini-batch backprop) is
 * {@code {hidden: [...], activation: 'relu', loss: 'mse'}}.
 *
 * <p>Reference: Rumelhart, Hinton, Williams, "Learning representations by back-propagating errors", Nature
 * 323, 1986; Goodfellow, Bengio, Courville, "Deep Learning", MIT Press 2016, ch. 6.
 */
public final class Mlp extends Network {
  private final MlpOptions options;

  public Mlp(MlpOptions options) {
    super("mlp", options.loss(), options.dtype());
    this.options = options;
  }

  public MlpOptions options() {
    return options;
  }

  @Override
  protected List<Layer> layers(int features, int outputs, SplittableRandom random, long seed) {
    DataType type = dataType();
    List<Layer> layers = new ArrayList<>();
    int width = features;
    for (int i = 0; i < options.hidden().size(); i++) {
      int size = options.hidden().get(i);
      layers.add(new Dense(width, size, true, random, type));
      layers.add(Activation.of(options.activation()));
      if (options.dropout() > 0) {
        layers.add(new Dropout(options.dropout(), seed + i));
      }
      width = size;
    }
    layers.add(new Dense(width, outputs, true, random, type));
    return layers;
  }

  /** The {@code mlp} plugin. */
  public static final class Plugin implements ModelProvider {
    @Override
    public String name() {
      return "mlp";
    }

    @Override
    public String summary() {
      return "multi-layer perceptron: dense layers, activation, dropout; classifies or regresses";
    }

    @Override
    public String description() {
      return """
          h_0 = x, h_l = dropout(act(h_{l-1} W_l^T + b_l)) for each hidden size, out = h_L W^T + b.
          loss 'cross-entropy' classifies (one output per class, softmax cross-entropy; predict gives the
          argmax class, predictProba the softmax); loss 'mse' regresses (one output per label column).
          Weights and biases start as PyTorch's nn.Linear, U(-1/sqrt(in), 1/sqrt(in)), from the training seed;
          any optimizer trains it (fit(data, {optimizer, epochs, batchSize, seed})).
          Reference: Rumelhart, Hinton, Williams, Learning representations by back-propagating errors,
          Nature 323, 1986; PyTorch 1.13 torch.nn.Linear.
          """;
    }

    @Override
    public Schema schema() {
      return MlpOptions.SCHEMA;
    }

    @Override
    public Model create(Params params) {
      return new Mlp(MlpOptions.from(params));
    }
  }
}
