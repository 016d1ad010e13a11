package dev.kiln.api;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A benchmark that {@code kiln bench NAME} runs: it measures Kiln and, where the reference tool is installed,
 * the same work done by it (scikit-learn, PyTorch, ... through a script under {@code tools/reference/}),
 * and prints a table side by side. Registered in {@code META-INF/services/dev.kiln.api.Benchmark}.
 */
public interface Benchmark {
  /** The name after {@code kiln bench}, lower-case: "startup", "classic", "optim". */
  String name();

  /** One line for {@code kiln bench --list}. */
  String summary();

  /**
   * Runs and prints the table to {@code out}.
   *
   * @param kilnHome the Kiln checkout (where {@code tools/reference/} lies), if known
   */
  void run(PrintStream out, Optional<Path> kilnHome) throws Exception;

  /**
   * A process for a reference run ({@code tools/reference/*.py}) that uses {@code threads} threads, as Kiln does,
   * and otherwise Kiln's environment, OpenMP's waiting policy included, so that both sides run alike.
   */
  static ProcessBuilder referenceProcess(List<String> command, int threads) {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    for (String variable : List.of("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")) {
      builder.environment().put(variable, String.valueOf(threads));
    }
    return builder;
  }

  /**
   * How this process's idle native threads wait for work, for a benchmark's header: OpenMP's waiting policy
   * ({@code OMP_WAIT_POLICY}, {@code GOMP_SPINCOUNT}) and OpenBLAS's ({@code OPENBLAS_THREAD_TIMEOUT}), as set.
   */
  static String idleThreads() {
    StringBuilder line = new StringBuilder("idle threads wait");
    for (String variable : List.of("OMP_WAIT_POLICY", "GOMP_SPINCOUNT", "OPENBLAS_THREAD_TIMEOUT")) {
      String value = System.getenv(variable);
      if (value != null) {
        line.append(' ').append(variable).append('=').append(value);
      }
    }
    return line.length() == "idle threads wait".length() ? "idle threads wait as their libraries' defaults"
        : line.toString();
  }
}
