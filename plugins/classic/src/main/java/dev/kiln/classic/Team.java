package dev.kiln.classic;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The caller and a few helper threads that run the items of one parallel step after another, as an OpenMP
 * parallel region does: between steps a helper spins for {@value #SPIN_NANOS} ns before it parks, so that
 * the next step, microseconds later, finds it awake. Waking a parked thread can take milliseconds on a
 * virtual machine whose idle CPU halted (with the common fork-join pool, a third of k-means' 1 ms E-steps ran on
 * the caller alone); libgomp's threads spin between parallel regions for the same reason.
 *
 * <p>Items are claimed one at a time, so a late helper only takes fewer of them; {@code run} returns when every
 * item has finished, and a helper that wakes after that finds nothing to do. A failing item stops the claiming
 * and its exception is rethrown by {@code run}. Helpers are daemon threads that end on {@link #close()}.
 */
final class Team implements AutoCloseable {
  private static final long SPIN_NANOS = 200_000;

  /** Item {@code item} of a step, run by team member {@code member} ({@code 0} is the caller). */
  interface Task {
    void run(int member, int item);
  }

  /** One step: its items, the next to claim, how many have finished, and the first failure. */
  private static final class Step {
    final int count;
    final Task task;
    final AtomicInteger next = new AtomicInteger();
    final AtomicInteger finished = new AtomicInteger();
    final AtomicReference<Throwable> failure = new AtomicReference<>();

    Step(int count, Task task) {
      this.count = count;
      this.task = task;
    }

    void work(int member) {
      for (int item = next.getAndIncrement(); item < count; item = next.getAndIncrement()) {
        try {
          if (failure.get() == null) {
            task.run(member, item);
          }
        } catch (Throwable t) {
          failure.compareAndSet(null, t);
        } finally {
          finished.incrementAndGet();
        }
      }
    }
  }

  private final Thread[] helpers;
  private volatile Step step;
  private volatile boolean closed;

  /** A team of {@code size} members: the caller of {@link #run} and {@code size − 1} helper threads. */
  Team(int size, String name) {
    helpers = new Thread[size - 1];
    for (int h = 0; h < helpers.length; h++) {
      int member = h + 1;
      helpers[h] = new Thread(() -> serve(member), name + "-" + member);
      helpers[h].setDaemon(true);
      helpers[h].start();
    }
  }

  /** The number of members, and so of distinct {@code member} indices a task sees. */
  int size() {
    return helpers.length + 1;
  }

  /** Runs {@code task} on items {@code [0, count)} across the team; returns when all have finished. */
  void run(int count, Task task) {
    Step current = new Step(count, task);
    step = current;
    for (Thread helper : helpers) {
      LockSupport.unpark(helper);
    }
    current.work(0);
    while (current.finished.get() < count) {
      Thread.onSpinWait();   // a helper finishing its last item
    }
    Throwable failure = current.failure.get();
    if (failure instanceof RuntimeException e) {
      throw e;
    } else if (failure instanceof Error e) {
      throw e;
    } else if (failure != null) {
      throw new IllegalStateException(failure);
    }
  }

  /** Ends the helpers (they finish no item of a later step). */
  @Override
  public void close() {
    closed = true;
    for (Thread helper : helpers) {
      LockSupport.unpark(helper);
    }
  }

  private void serve(int member) {
    Step done = null;
    while (true) {
      long start = System.nanoTime();
      while (step == done && !closed) {
        if (System.nanoTime() - start < SPIN_NANOS) {
          Thread.onSpinWait();
        } else {
          LockSupport.park(this);
        }
      }
      if (closed) {
        return;
      }
      done = step;
      done.work(member);
    }
  }
}
