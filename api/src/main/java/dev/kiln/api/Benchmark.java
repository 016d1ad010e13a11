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

  /** The OpenMP waiting policy of this process, for a benchmark's header: how idle threads wait for work. */
  static String openMpWaiting() {
    String policy = System.getenv("OMP_WAIT_POLICY");
    String spin = System.getenv("GOMP_SPINCOUNT");
    if (policy == null && spin == null) {
      return "OpenMP waiting as libgomp's default";
    }
    return ("OpenMP waiting " + (policy == null ? "" : "OMP_WAIT_POLICY=" + policy + " ")
        + (spin == null ? "" : "GOMP_SPINCOUNT=" + spin)).strip();
  }
}
