package dev.kiln.nn;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Read-only columns of ones {@code [n, 1]}, made once per length and type outside any workspace, for the
 * GEMMs that broadcast a bias ({@code 1·bᵀ}) or sum a gradient over rows ({@code 1ᵀ·g}). Filling a fresh
 * column each batch costs an ND4J op as dear as the GEMM it feeds.
 */
final class Ones {
  /** Enough lengths for a training run's batch sizes and its last, short batches. */
  private static final int KEPT = 32;
  private static final Map<String, INDArray> COLUMNS = new ConcurrentHashMap<>();

  private Ones() {}

  /** The column of {@code n} ones of {@code type}; callers must not write to it. */
  static INDArray column(DataType type, long n) {
    if (COLUMNS.size() > KEPT) {   // many lengths (predictions on data of every size): start over
      COLUMNS.clear();
    }
    return COLUMNS.computeIfAbsent(type + "/" + n, key -> {
      try (MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
        return Nd4j.ones(type, n, 1);
      }
    });
  }
}
