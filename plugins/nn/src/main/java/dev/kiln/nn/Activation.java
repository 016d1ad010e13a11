package dev.kiln.nn;

import dev.kiln.api.KilnException;
import dev.kiln.api.Names;
import dev.kiln.autograd.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * An activation function of {@link Activations} as a layer, by name: {@code relu}, {@code leaky-relu}
 * (slope 0.01), {@code sigmoid}, {@code tanh}, {@code gelu}, {@code silu}, {@code softmax} and
 * {@code log-softmax} (over the last axis).
 *
 * <p>Reference: PyTorch 1.13 {@code torch.nn} activation modules.
 */
public final class Activation implements Layer {
  private static final Map<String, UnaryOperator<Tensor>> FUNCTIONS = new LinkedHashMap<>();

  static {
    FUNCTIONS.put("relu", Activations::relu);
    FUNCTIONS.put("leaky-relu", x -> Activations.leakyRelu(x, 0.01));
    FUNCTIONS.put("sigmoid", Activations::sigmoid);
    FUNCTIONS.put("tanh", Activations::tanh);
    FUNCTIONS.put("gelu", Activations::gelu);
    FUNCTIONS.put("silu", Activations::silu);
    FUNCTIONS.put("softmax", x -> Activations.softmax(x, -1, 1));
    FUNCTIONS.put("log-softmax", x -> Activations.logSoftmax(x, -1));
  }

  /** The names {@link #of} accepts. */
  public static final List<String> NAMES = List.copyOf(FUNCTIONS.keySet());

  /** The element-wise ones, which suit hidden layers (softmax and log-softmax normalise whole rows). */
  public static final List<String> HIDDEN = NAMES.stream().filter(name -> !name.endsWith("softmax")).toList();

  private final UnaryOperator<Tensor> function;

  private Activation(UnaryOperator<Tensor> function) {
    this.function = function;
  }

  /** The activation called {@code name}; fails listing the names. */
  public static Activation of(String name) {
    UnaryOperator<Tensor> function = FUNCTIONS.get(name);
    if (function == null) {
      throw new KilnException("unknown activation '" + name + "'" + Names.suggestion(name, NAMES)
          + "; use one of " + String.join(", ", NAMES));
    }
    return new Activation(function);
  }

  @Override
  public Tensor forward(Tensor x, boolean training) {
    return function.apply(x);
  }
}
