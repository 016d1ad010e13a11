package dev.kiln.optim;

import java.util.Map;
import java.util.TreeMap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The optimizer state of one parameter: saved buffers by slot name (moments, accumulators), its step count,
 * and up to three scratch buffers that steps overwrite and {@link BaseOptimizer#state()} leaves out. Every
 * buffer has the parameter's shape, type and element order and is allocated once, on first use.
 */
final class Slots {
  /** The buffers {@link BaseOptimizer#state()} exports, by slot name. */
  final Map<String, INDArray> saved = new TreeMap<>();
  private final INDArray[] scratch = new INDArray[3];
  /** The parameter's shape and type, once it has taken a step; {@code null} before. */
  long[] shape;
  DataType type;
  /** The parameter's value at the current step: new buffers take its shape, type and layout. */
  INDArray value;
  /** The steps this parameter has taken, this one included during an update. */
  long steps;

  /** The saved buffer {@code slot}, or {@code null} before it is first {@link #put}. */
  INDArray get(String slot) {
    return saved.get(slot);
  }

  /** Saves {@code buffer} (of the parameter's shape) as {@code slot}; returns it. */
  INDArray put(String slot, INDArray buffer) {
    saved.put(slot, buffer);
    return buffer;
  }

  /** The saved buffer {@code slot}, created filled with {@code initial} on first use. */
  INDArray filled(String slot, double initial) {
    return saved.computeIfAbsent(slot, k -> {
      INDArray buffer = InPlace.zerosLike(value);
      return initial == 0 ? buffer : buffer.assign(initial);
    });
  }

  /** Scratch buffer {@code i} (0 to 2) of the parameter's shape: not saved, overwritten by each step. */
  INDArray scratch(int i) {
    if (scratch[i] == null) {
      scratch[i] = InPlace.zerosLike(value);
    }
    return scratch[i];
  }
}
