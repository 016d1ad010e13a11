package dev.kiln.autograd;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The hand-written backward formula of one op: given {@code ∂L/∂out} (the gradient of the loss with respect
 * to the op's output, of the output's shape), it adds {@code ∂L/∂inputᵢ} to each input that requires a
 * gradient, through {@link Tensor#accumulateGrad} or {@link Tensor#accumulateGradProduct}.
 *
 * <p>A backward function must not change {@code gradOut} in place: the same array may be another tensor's
 * gradient. It works on whole arrays (one ND4J op per term), never element by element.
 */
@FunctionalInterface
public interface Backward {
  /** Adds the gradients of the inputs, given the gradient {@code gradOut} of the output. */
  void apply(INDArray gradOut);
}
