package dev.kiln.nn;

import dev.kiln.api.train.Parameter;
import dev.kiln.autograd.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Layers applied one after the other. Its parameters are the layers' own, named {@code "<index>.<name>"}
 * as PyTorch's {@code nn.Sequential} names them ({@code "0.weight"}, {@code "2.bias"}), sharing the layers'
 * value and gradient buffers.
 *
 * <pre>{@code
 * Sequential net = new Sequential(List.of(new Dense(784, 256, true, random, FLOAT), Activation.of("relu"),
 *     new Dense(256, 10, true, random, FLOAT)));
 * }</pre>
 *
 * <p>Reference: PyTorch 1.13 {@code torch.nn.Sequential}.
 */
public final class Sequential implements Layer {
  private final List<Layer> layers;
  private final List<Parameter> parameters = new ArrayList<>();

  public Sequential(List<Layer> layers) {
    this.layers = List.copyOf(layers);
    for (int i = 0; i < this.layers.size(); i++) {
      for (Parameter p : this.layers.get(i).parameters()) {
        parameters.add(new Parameter(i + "." + p.name(), p.value(), p.gradient()));
      }
    }
  }

  public List<Layer> layers() {
    return layers;
  }

  @Override
  public Tensor forward(Tensor x, boolean training) {
    Tensor out = x;
    for (Layer layer : layers) {
      out = layer.forward(out, training);
    }
    return out;
  }

  @Override
  public List<Parameter> parameters() {
    return List.copyOf(parameters);
  }

  /** The layers' buffers, named {@code "<index>.<name>"} like the parameters. */
  @Override
  public Map<String, INDArray> buffers() {
    Map<String, INDArray> out = new LinkedHashMap<>();
    for (int i = 0; i < layers.size(); i++) {
      int index = i;
      layers.get(i).buffers().forEach((name, buffer) -> out.put(index + "." + name, buffer));
    }
    return out;
  }
}
