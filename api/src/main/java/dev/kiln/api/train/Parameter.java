package dev.kiln.api.train;

import dev.kiln.api.KilnException;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A trainable tensor and the gradient of the loss with respect to it, of the same shape. Models write the
 * gradient; optimizers read it and update the value in place.
 */
public final class Parameter {
  private final String name;
  private final INDArray value;
  private INDArray gradient;

  /**
   * A parameter holding {@code value}, with a zero gradient of the same shape and type, allocated when first
   * asked for (a model loaded only to predict never needs it).
   */
  public Parameter(String name, INDArray value) {
    this.name = name;
    this.value = value;
  }

  /** A parameter over an existing value and gradient, which must have the same shape. */
  public Parameter(String name, INDArray value, INDArray gradient) {
    if (!Arrays.equals(value.shape(), gradient.shape())) {
      throw new KilnException("parameter '" + name + "': gradient shape " + Arrays.toString(gradient.shape())
          + " differs from value shape " + Arrays.toString(value.shape()));
    }
    this.name = name;
    this.value = value;
    this.gradient = gradient;
  }

  /** The name, unique within its model ("weight", "layer1.bias"). */
  public String name() {
    return name;
  }

  /** The value, updated in place by optimizers. */
  public INDArray value() {
    return value;
  }

  /** The gradient buffer, overwritten by the model on each batch (training runs on one thread). */
  public INDArray gradient() {
    if (gradient == null) {
      gradient = Nd4j.zerosLike(value);
    }
    return gradient;
  }

  @Override
  public String toString() {
    return "Parameter[" + name + " " + Arrays.toString(value.shape()) + "]";
  }
}
