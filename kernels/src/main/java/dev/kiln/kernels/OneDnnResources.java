package dev.kiln.kernels;

import java.util.ArrayList;
import java.util.List;

/** JavaCPP objects (descriptors, primitives, calls, buffers) made together and closed together, last first. */
abstract class OneDnnResources implements AutoCloseable {
  private final List<AutoCloseable> owned = new ArrayList<>();

  /** Takes {@code resource} to close with the others; returns it. */
  final <T extends AutoCloseable> T own(T resource) {
    owned.add(resource);
    return resource;
  }

  @Override
  public final void close() throws Exception {
    for (int i = owned.size() - 1; i >= 0; i--) {
      owned.get(i).close();
    }
  }
}
