package dev.kiln.api.train;

import org.nd4j.linalg.api.blas.Blas;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A scope in which the backend's BLAS library (OpenBLAS on the CPU) runs on one thread, for gradient
 * training. There ND4J's float32 products go through oneDNN, so BLAS serves mainly the optimizers'
 * level-1 updates ({@code axpy}, {@code scal}, {@code dot}) over parameter-sized vectors: memory-bound work
 * that a second thread does not speed up (10M floats: {@code axpy} 1.5 ms on one thread, 1.6 ms on two),
 * while an OpenBLAS worker thread, which spins between calls, competes for the cores with oneDNN's and
 * libnd4j's threads. Measured on 2 cores, the MLP 784-256-10's optimizer steps took 0.05–0.47 s per epoch
 * with two BLAS threads and a steady 0.03 s with one.
 *
 * <p>Scopes may nest and overlap across threads: the first to open saves the thread count, the last to
 * close restores it.
 */
final class SingleThreadedBlas {
  private static final Object LOCK = new Object();
  private static int open;
  private static int savedThreads;

  private SingleThreadedBlas() {}

  /** Opens a scope; {@link #exit()} closes it, in a {@code finally} block. */
  static void enter() {
    synchronized (LOCK) {
      if (open++ == 0) {
        Blas blas = Nd4j.factory().blas();
        savedThreads = blas.getMaxThreads();
        blas.setMaxThreads(1);
      }
    }
  }

  /** Closes the scope {@link #enter()} opened. */
  static void exit() {
    synchronized (LOCK) {
      if (--open == 0) {
        Nd4j.factory().blas().setMaxThreads(savedThreads);
      }
    }
  }
}
