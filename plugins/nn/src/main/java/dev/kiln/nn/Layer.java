package dev.kiln.nn;

import dev.kiln.api.train.Parameter;
import dev.kiln.autograd.Tensor;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One building block of a network: a differentiable function of a batch, written forward-only on the
 * autograd, with its trainable parameters. Layers that behave differently while training (dropout, batch
 * normalisation) read {@code training}.
 */
public interface Layer {
  /** The output for a whole batch {@code x}; records the graph when gradients are enabled. */
  Tensor forward(Tensor x, boolean training);

  /** The trainable parameters, named within the layer ("weight", "bias"); none by default. */
  default List<Parameter> parameters() {
    return List.of();
  }

  /**
   * State that is not trained by gradients but must be saved with the model, such as BatchNorm's running
   * statistics, by name. Restoring assigns into these tensors.
   */
  default Map<String, INDArray> buffers() {
    return Map.of();
  }
}
