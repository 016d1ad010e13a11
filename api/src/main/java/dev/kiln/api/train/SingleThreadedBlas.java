package dev.kiln.api.train;

import org.nd4j.linalg.api.blas.Blas;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A scope in which the backend's BLAS library (OpenBLAS on the CPU) runs on one thread, for loops of many
 * short BLAS calls: gradient training, Lloyd's k-means iterations. There a second OpenBLAS thread gains little
 * (the calls are memory-bound or small: 10M-float {@code axpy} takes 1.5 ms on one thread, 1.6 ms on two),
 * while it spins between calls and competes for the cores with oneDNN's and libnd4j's threads. Measured on
 * 2 cores: the MLP 784-256-10's optimizer steps took 0.05–0.47 s per epoch with two BLAS threads and a steady
 * 0.03 s with one. (ND4J's float32 matrix products go through oneDNN, not BLAS, and keep their threads.)
 *
 * <p>Scopes may nest and overlap across threads: the first to open saves the thread count, the last to
 * close restores it.
 */
public final class SingleThreadedBlas {
  private static final Object LOCK = new Object();
  private static int open;
  private static int savedThreads;

  private SingleThreadedBlas() {}

  /** Opens a scope; {@link #exit()} closes it, in a {@code finally} block. */
  public static void enter() {
    synchronized (LOCK) {
      if (open++ == 0) {
        Blas blas = Nd4j.factory().blas();
        savedThreads = blas.getMaxThreads();
        blas.setMaxThreads(1);
      }
    }
  }

  /** Closes the scope {@link #enter()} opened. */
  public static void exit() {
    synchronized (LOCK) {
      if (--open == 0) {
        Nd4j.factory().blas().setMaxThreads(savedThreads);
      }
    }
  }
}
