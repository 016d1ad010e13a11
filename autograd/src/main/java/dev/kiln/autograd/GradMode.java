package dev.kiln.autograd;

import java.util.function.Supplier;

/**
 * Whether ops record themselves for {@link Tensor#backward}, per thread, as PyTorch's {@code torch.no_grad}.
 * Inside a no-grad scope every op returns a constant tensor (no graph, no memory held for backward), which
 * is what evaluation and prediction want:
 *
 * <pre>{@code
 * try (GradMode.Scope off = GradMode.disabled()) {
 *   Tensor scores = model.forward(x);        // nothing recorded
 * }
 * INDArray y = GradMode.noGrad(() -> model.forward(x)).value();
 * }</pre>
 *
 * <p>Scopes nest; closing one restores the mode that held when it was opened.
 */
public final class GradMode {
  private static final ThreadLocal<Boolean> ENABLED = ThreadLocal.withInitial(() -> Boolean.TRUE);

  private GradMode() {}

  /** A scope that restores the previous mode when closed. */
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }

  /** Whether ops on this thread record a graph (the default). */
  public static boolean isEnabled() {
    return ENABLED.get();
  }

  /** Turns recording off on this thread until the returned scope is closed. */
  public static Scope disabled() {
    boolean previous = ENABLED.get();
    ENABLED.set(false);
    return () -> ENABLED.set(previous);
  }

  /** Runs {@code work} with recording off and returns its result. */
  public static <T> T noGrad(Supplier<T> work) {
    try (Scope off = disabled()) {
      return work.get();
    }
  }
}
