package dev.kiln.shell;

import dev.kiln.api.Benchmark;
import dev.kiln.api.Names;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * {@code kiln bench [NAME]}: runs one {@link Benchmark} found through {@link ServiceLoader}, or lists them.
 * Kiln's home (for the reference scripts under {@code tools/reference/}) comes from the launcher.
 */
final class Bench {
  private final PrintStream out;

  Bench(PrintStream out) {
    this.out = out;
  }

  int run(String name) {
    Map<String, Benchmark> benchmarks = new TreeMap<>();
    ServiceLoader.load(Benchmark.class).forEach(b -> benchmarks.put(b.name(), b));
    if (name == null) {
      out.println("Benchmarks (kiln bench NAME):");
      benchmarks.values().forEach(b -> out.printf("  %-10s %s%n", b.name(), b.summary()));
      return 0;
    }
    Benchmark benchmark = benchmarks.get(name);
    if (benchmark == null) {
      out.println("error: unknown benchmark '" + name + "'" + Names.suggestion(name, benchmarks.keySet())
          + "; available: " + String.join(", ", benchmarks.keySet()));
      return 2;
    }
    Optional<Path> home = Optional.ofNullable(System.getProperty("kiln.home")).map(Path::of);
    try {
      benchmark.run(out, home);
      return 0;
    } catch (Exception e) {
      out.println("error: benchmark " + name + " failed: " + e);
      return 1;
    }
  }
}
