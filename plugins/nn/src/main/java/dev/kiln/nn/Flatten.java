package dev.kiln.nn;

import dev.kiln.autograd.Shapes;
import dev.kiln.autograd.Tensor;

/**
 * Flattens every axis after the first: {@code [n, c, h, w] → [n, c·h·w]}, the bridge from convolutions to
 * dense layers (its backward reshapes the gradient back).
 *
 * <p>Reference: PyTorch 1.13 {@code torch.nn.Flatten}.
 */
public final class Flatten implements Layer {
  @Override
  public Tensor forward(Tensor x, boolean training) {
    return Shapes.flatten(x, 1);
  }
}
