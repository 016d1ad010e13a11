package dev.kiln.shell;

import dev.kiln.api.Benchmark;
import dev.kiln.api.Model;
import dev.kiln.api.PluginLoader;
import dev.kiln.api.Registry;
import dev.kiln.io.ModelFile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The {@code io} benchmark: saving and loading a model of 100 million float64 parameters (a bigram model over
 * 10,000 tokens), next to a plain copy of the same file on the same disk forced to disk as saving does;
 * medians of 3.
 */
public final class ModelFileBenchmark implements Benchmark {
  private static final int RUNS = 3;
  private static final int VOCABULARY = 10_000;

  @Override
  public String name() {
    return "io";
  }

  @Override
  public String summary() {
    return "save and load a 100-million-parameter model, next to a raw copy of the file";
  }

  @Override
  public void run(PrintStream out, Optional<Path> kilnHome) throws IOException {
    Registry registry = new Registry(new PluginLoader(getClass().getClassLoader(), List.of()));
    Model model = registry.model("bigram", Map.of("vocabSize", VOCABULARY));
    INDArray logits = model.state().get("logits");
    logits.assign(Nd4j.rand(logits.dataType(), logits.shape()));
    Path dir = Files.createTempDirectory("kiln-bench-io");
    Path file = dir.resolve("model.kiln");
    Path copy = dir.resolve("copy.kiln");
    try {
      double save = median(() -> ModelFile.save(file, model, registry.origin(model), null));
      double load = median(() -> ModelFile.load(file, registry));
      double raw = median(() -> {
        Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel channel = FileChannel.open(copy, StandardOpenOption.WRITE)) {
          channel.force(true);   // saving forces its file to disk too
        }
      });
      double megabytes = Files.size(file) / 1e6;
      out.printf(Locale.ROOT, "model file of %.0f MB (%,d parameters), median of %d runs%n", megabytes,
          (long) VOCABULARY * VOCABULARY, RUNS);
      out.printf(Locale.ROOT, "%-26s %10s %10s %14s%n", "operation", "seconds", "MB/s", "vs raw copy");
      for (Object[] row : new Object[][] {{"save (write, checksum)", save}, {"load (read, verify)", load},
          {"raw copy + fsync", raw}}) {
        double seconds = (double) row[1];
        out.printf(Locale.ROOT, "%-26s %10.3f %10.0f %13.0f%%%n", row[0], seconds, megabytes / seconds,
            100 * raw / seconds);
      }
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(copy);
      Files.deleteIfExists(dir);
    }
  }

  private interface Work {
    void run() throws IOException;
  }

  private static double median(Work work) throws IOException {
    double[] seconds = new double[RUNS];
    for (int i = 0; i < RUNS; i++) {
      System.gc(); // free the native buffers of the models loaded before, outside the timing
      long start = System.nanoTime();
      work.run();
      seconds[i] = (System.nanoTime() - start) / 1e9;
    }
    Arrays.sort(seconds);
    return seconds[RUNS / 2];
  }
}
