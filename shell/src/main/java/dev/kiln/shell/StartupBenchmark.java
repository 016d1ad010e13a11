package dev.kiln.shell;

import dev.kiln.api.Benchmark;
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
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The {@code startup} benchmark: {@code ./kiln} from launch to its first prompt (a fresh JVM each run) and
 * the scan of 100 generated plugin jars, medians of 5.
 */
public final class StartupBenchmark implements Benchmark {
  private static final int RUNS = 5;

  @Override
  public String name() {
    return "startup";
  }

  @Override
  public String summary() {
    return "time from ./kiln to its first prompt, and to scan 100 plugin jars";
  }

  @Override
  public void run(PrintStream out, Optional<Path> kilnHome) throws IOException, InterruptedException {
    List<String[]> rows = new ArrayList<>();
    if (kilnHome.isPresent()) {
      Path launcher = kilnHome.get().resolve("kiln");
      rows.add(row("./kiln to first prompt", median(() -> timeToPrompt(launcher)), 1.5));
    } else {
      out.println("(Kiln's home is unknown: start through ./kiln to time the launcher)");
    }
    rows.add(row("scan 100 plugin jars", median(this::scanHundredJars), 0.3));
    out.printf(Locale.ROOT, "%-26s %12s %10s%n", "benchmark (median of " + RUNS + ")", "seconds", "goal");
    rows.forEach(r -> out.printf(Locale.ROOT, "%-26s %12s %10s%n", (Object[]) r));
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
  private static double timeToPrompt(Path launcher) throws IOException, InterruptedException {
    long start = System.nanoTime();
    Process process = new ProcessBuilder(launcher.toString()).redirectErrorStream(true).start();
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
