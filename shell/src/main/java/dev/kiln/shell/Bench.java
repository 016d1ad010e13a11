package dev.kiln.shell;

import dev.kiln.api.PluginLoader;
import dev.kiln.testkit.PluginJars;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code kiln bench NAME}: benchmarks that print a table. {@code startup} times {@code ./kiln} from launch
 * to its first prompt (a fresh JVM each run) and the scan of 100 generated plugin jars, medians of 5.
 */
final class Bench {
  private static final int RUNS = 5;
  private final PrintStream out;

  Bench(PrintStream out) {
    this.out = out;
  }

  int run(String name) {
    if (!name.equals("startup")) {
      out.println("error: unknown benchmark '" + name + "'; available: startup");
      return 2;
    }
    try {
      List<String[]> rows = new ArrayList<>();
      if (System.getProperty("kiln.home") != null) {
        rows.add(row("./kiln to first prompt", median(this::timeToPrompt), 1.5));
      } else {
        out.println("(no kiln.home: start through ./kiln to time the launcher)");
      }
      rows.add(row("scan 100 plugin jars", median(this::scanHundredJars), 0.3));
      out.printf(Locale.ROOT, "%-26s %12s %10s%n", "benchmark (median of " + RUNS + ")", "seconds", "goal");
      rows.forEach(r -> out.printf(Locale.ROOT, "%-26s %12s %10s%n", (Object[]) r));
      return 0;
    } catch (IOException | InterruptedException e) {
      out.println("error: benchmark failed: " + e);
      return 1;
    }
  }

  private static String[] row(String what, double seconds, double goal) {
    return new String[] {what, String.format(Locale.ROOT, "%.3f", seconds),
        String.format(Locale.ROOT, "≤ %.1f", goal)};
  }

  private interface Timed {
    double seconds() throws IOException, InterruptedException;
  }

  private static double median(Timed timed) throws IOException, InterruptedException {
    double[] times = new double[RUNS];
    for (int i = 0; i < RUNS; i++) {
      times[i] = timed.seconds();
    }
    Arrays.sort(times);
    return times[RUNS / 2];
  }

  /** Launches ./kiln on a pipe and waits for its prompt. */
  private double timeToPrompt() throws IOException, InterruptedException {
    Path kiln = Path.of(System.getProperty("kiln.home"), "kiln");
    long start = System.nanoTime();
    Process process = new ProcessBuilder(kiln.toString()).redirectErrorStream(true).start();
    try (InputStream stdout = process.getInputStream(); OutputStream stdin = process.getOutputStream()) {
      String seen = "";
      byte[] buffer = new byte[4096];
      int n;
      while (!seen.contains("kiln> ") && (n = stdout.read(buffer)) > 0) {
        seen += new String(buffer, 0, n, StandardCharsets.UTF_8);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      if (!seen.contains("kiln> ")) {
        throw new IOException("./kiln ended without a prompt: " + seen.strip());
      }
      stdin.write(":quit\n".getBytes(StandardCharsets.UTF_8));
      stdin.flush();
      process.waitFor();
      return seconds;
    } finally {
      process.destroy();
    }
  }

  private double scanHundredJars() throws IOException {
    Path folder = Files.createTempDirectory("kiln-bench-plugins");
    try {
      PluginJars.writeMany(folder, 100);
      long start = System.nanoTime();
      int found = new PluginLoader(null, List.of(folder)).scan().providers().size();
      double seconds = (System.nanoTime() - start) / 1e9;
      if (found != 100) {
        throw new IOException("expected 100 plugins, found " + found);
      }
      return seconds;
    } finally {
      try (Stream<Path> files = Files.walk(folder)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
