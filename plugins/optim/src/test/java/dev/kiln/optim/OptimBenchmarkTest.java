package dev.kiln.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code optim} benchmark's table, on 10,000 parameters (timings are printed, never asserted). */
class OptimBenchmarkTest {
  static List<String> table(Optional<Path> home) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new OptimBenchmark(10_000, 3, 2).run(new PrintStream(bytes, true, StandardCharsets.UTF_8), home);
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }

  /** The row of {@code label}, split on spaces. */
  static String[] row(List<String> lines, String label) {
    return lines.stream().filter(l -> l.startsWith(label + " ")).findFirst().orElseThrow().split(" +");
  }

  @Test
  void timesEveryOptimizerWithoutTorchWhenKilnsHomeIsUnknown() {
    List<String> lines = table(Optional.empty());
    assertTrue(lines.get(0).startsWith("optim: one step() on 10,000 float32 parameters, median of 3 steps"),
        lines.get(0));
    for (OptimBenchmark.Case c : OptimBenchmark.CASES) {
      String[] row = row(lines, c.label());
      assertTrue(Double.parseDouble(row[1]) > 0, String.join(" ", row));
      assertEquals("-", row[2]);
    }
    String check = lines.get(lines.size() - 2);
    assertTrue(check.matches("\\(each Kiln step first reads its gradient to check for NaN, which torch.optim does "
        + "not: \\d+\\.\\d{3} ms of every row\\)"), check);
    assertEquals("(Kiln's home is unknown (start through ./kiln): no torch column)", lines.get(lines.size() - 1));
  }

  @Test
  void saysWhyTheTorchColumnIsEmpty(@TempDir Path home) {
    List<String> lines = table(Optional.of(home));
    String last = lines.get(lines.size() - 1);
    assertTrue(last.startsWith("(no torch column: ") && last.endsWith("is missing)")
        || last.equals("(no torch column: /usr/bin/python3 is not installed)"), last);
  }

  @Test
  void putsTorchTimesAndRatiosBesideKilnsWhenPyTorchIsInstalled() throws IOException, InterruptedException {
    Path home = Path.of("../..").toAbsolutePath().normalize();
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")) && new ProcessBuilder("/usr/bin/python3", "-c",
        "import torch").start().waitFor() == 0, "PyTorch is not installed for /usr/bin/python3");
    assertTrue(Files.exists(home.resolve("tools/reference/bench_optim.py")), home.toString());
    List<String> lines = table(Optional.of(home));
    for (OptimBenchmark.Case c : OptimBenchmark.CASES) {
      String[] row = row(lines, c.label());
      assertTrue(Double.parseDouble(row[2]) > 0 && Double.parseDouble(row[3]) > 0, String.join(" ", row));
    }
  }
}
