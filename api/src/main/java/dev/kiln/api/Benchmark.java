package dev.kiln.api;

import java.io.PrintStream;
import java.nio.file.Path;
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
}
