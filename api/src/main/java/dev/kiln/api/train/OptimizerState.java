package dev.kiln.api.train;

import dev.kiln.api.KilnException;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A snapshot of an optimizer's training state, as named tensors and scalars, so that training can resume
 * exactly in a fresh optimizer ({@link dev.kiln.api.Optimizer#restore}) or be written to a file.
 *
 * <p>Names follow one convention: per-parameter entries are {@code "<parameter>/<slot>"} (tensors such as
 * {@code "layer1.weight/exp_avg"}, scalars such as {@code "layer1.weight/step"}), optimizer-wide scalars have
 * no slash ({@code "steps"}). The tensors are copies owned by the snapshot: later steps do not change them.
 * Both maps are unmodifiable and sorted by name.
 *
 * @param optimizer the plugin name of the optimizer that made it, such as {@code "adam"}
 * @param scalars step counts and other numbers, by name
 * @param tensors moment buffers and accumulators, by name
 */
public record OptimizerState(String optimizer, Map<String, Double> scalars, Map<String, INDArray> tensors) {
  /**
   * Copies both maps into unmodifiable ones sorted by name.
   *
   * @throws KilnException when {@code optimizer} is {@code null} or blank
   */
  public OptimizerState {
    if (optimizer == null || optimizer.isBlank()) {
      throw new KilnException("optimizer state needs the optimizer's name");
    }
    scalars = Collections.unmodifiableMap(new TreeMap<>(scalars));
    tensors = Collections.unmodifiableMap(new TreeMap<>(tensors));
  }

  /** The scalar {@code name}; fails naming the optimizer when the snapshot has none. */
  public double scalar(String name) {
    Double value = scalars.get(name);
    if (value == null) {
      throw new KilnException(optimizer + " state has no scalar '" + name + "': it was not saved by "
          + optimizer + " or is incomplete");
    }
    return value;
  }
}
