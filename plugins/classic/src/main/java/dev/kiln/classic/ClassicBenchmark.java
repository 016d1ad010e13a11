package dev.kiln.classic;

import dev.kiln.api.Benchmark;
import dev.kiln.api.data.Dataset;
import dev.kiln.api.train.Training;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code kiln bench classic}: k-means (100,000 × 16 float64 rows of 8 overlapping Gaussian blobs, k = 8, at
 * most 20 Lloyd iterations with tol = 0 from the same 8 initial rows, one init) and KNN (60,000 training rows
 * of 784 random integer pixels in [0, 255], Fashion-MNIST's shape, 2,000 queries, k = 5, euclidean), each
 * timed whole (fit and predict) in Kiln and, through
 * {@code tools/reference/bench_classic.py}, in scikit-learn on the same data with the same thread count.
 * Medians of {@value #KMEANS_RUNS} (k-means, 30 ms each: a few runs' median moves with the machine's noise)
 * and {@value #KNN_RUNS} (KNN) runs, after warm-up runs for 2 s on both sides (the JIT compiles Kiln's loops in
 * the first second); the iterations run and the KNN predictions of both are compared. Without
 * {@code /usr/bin/python3} and scikit-learn the reference column is skipped with a note.
 */
public final class ClassicBenchmark implements Benchmark {
  private static final int KMEANS_RUNS = 21;
  private static final int KNN_RUNS = 5;
  private static final long WARM_UP_NANOS = 2_000_000_000L;
  private static final Path PYTHON = Path.of("/usr/bin/python3");

  @Override
  public String name() {
    return "classic";
  }

  @Override
  public String summary() {
    return "k-means (100,000 × 16, k = 8, 20 iterations) and KNN (60,000 × 784, 2,000 queries) vs scikit-learn";
  }

  /** One timing: the median seconds and, for k-means, the Lloyd iterations run. */
  private record Measured(double seconds, int iterations) {}

  /** scikit-learn's timings by name and its KNN predictions, or why they are missing. */
  private record Reference(Map<String, Measured> timings, double[] knnPredicted, String missing) {
    static Reference skipped(String why) {
      return new Reference(Map.of(), null, "scikit-learn column skipped: " + why);
    }
  }

  @Override
  public void run(PrintStream out, Optional<Path> kilnHome) throws IOException, InterruptedException {
    int threads = Nd4j.getEnvironment().maxThreads();
    Map<String, INDArray> data = new LinkedHashMap<>();
    data.put("kmeans_x", blobs(100_000, 16, 8, new Random(42)));
    data.put("kmeans_init", data.get("kmeans_x").getRows(0, 1, 2, 3, 4, 5, 6, 7));
    KMeans kmeans = new KMeans(new KMeansOptions(8, "k-means++", 1, 20, 0, 0));
    Dataset blobs = Dataset.unlabelled(data.get("kmeans_x"));
    double kmeansSeconds = median(KMEANS_RUNS,
        () -> kmeans.fitFrom(blobs, data.get("kmeans_init"), Training.defaults()));
    Measured kiln = new Measured(kmeansSeconds, (int) kmeans.attributes().get("iterations"));

    knnData(data, 60_000, 2_000);
    Knn knn = new Knn(KnnOptions.of(5));
    Dataset train = Dataset.of(data.get("knn_train"), data.get("knn_labels"));
    double knnSeconds = median(KNN_RUNS, () -> {
      knn.fit(train, Training.defaults());
      return knn.predict(data.get("knn_queries"));
    });
    double[] predicted = knn.predict(data.get("knn_queries")).toDoubleVector();

    Reference reference = scikitLearn(kilnHome, data, threads);
    out.printf(Locale.ROOT, "classic: medians of %d (k-means) and %d (KNN) runs after %d s of warm-up, %d threads "
        + "and %s for Kiln and scikit-learn%n", KMEANS_RUNS, KNN_RUNS, WARM_UP_NANOS / 1_000_000_000L, threads,
        Benchmark.idleThreads());
    out.printf(Locale.ROOT, "%-60s %10s %12s %7s%n", "", "Kiln (s)", "sklearn (s)", "ratio");
    Measured sk = reference.timings().get("kmeans");
    row(out, "k-means 100,000 × 16, k = 8, Lloyd from the same 8 rows", kiln.seconds(), sk);
    row(out, "  per iteration (iterations: Kiln " + kiln.iterations() + ", sklearn "
        + (sk == null ? "-" : sk.iterations()) + ")", kiln.seconds() / kiln.iterations(),
        sk == null ? null : new Measured(sk.seconds() / sk.iterations(), sk.iterations()));
    row(out, "KNN 60,000 × 784 random pixels, 2,000 queries, k = 5", knnSeconds,
        reference.timings().get("knn"));
    if (reference.missing() != null) {
      out.println(reference.missing());
    } else {
      long same = 0;
      for (int i = 0; i < predicted.length; i++) {
        same += predicted[i] == reference.knnPredicted()[i] ? 1 : 0;
      }
      out.printf(Locale.ROOT, "KNN predictions equal to scikit-learn's: %d of %d%n", same, predicted.length);
    }
    out.println("Smile and Tribuo: not measured (neither is a dependency of Kiln).");
  }

  private static void row(PrintStream out, String what, double kiln, Measured reference) {
    if (reference == null) {
      out.printf(Locale.ROOT, "%-60s %10.4f %12s %7s%n", what, kiln, "-", "-");
    } else {
      out.printf(Locale.ROOT, "%-60s %10.4f %12.4f %7.2f%n", what, kiln, reference.seconds(),
          kiln / reference.seconds());
    }
  }

  /**
   * The median wall time of {@code runs} runs of {@code work}, after warm-up runs for at least
   * {@value #WARM_UP_NANOS} ns (at least one) and a collection.
   */
  private static double median(int runs, Supplier<?> work) {
    long warming = System.nanoTime();
    do {   // the JIT compiles Kiln's loops (and ND4J's) in the first second; scikit-learn's are compiled already
      work.get();
    } while (System.nanoTime() - warming < WARM_UP_NANOS);
    System.gc();
    double[] seconds = new double[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      work.get();
      seconds[i] = (System.nanoTime() - start) / 1e9;
    }
    Arrays.sort(seconds);
    return seconds[runs / 2];
  }

  /** {@code n} rows around {@code blobs} centers drawn in [−1, 1]^d with unit Gaussian noise: overlapping blobs. */
  private static INDArray blobs(int n, int d, int blobs, Random random) {
    double[][] centers = new double[blobs][d];
    for (double[] center : centers) {
      Arrays.setAll(center, f -> 2 * random.nextDouble() - 1);
    }
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) {
      for (int f = 0; f < d; f++) {
        x[i * d + f] = centers[i % blobs][f] + random.nextGaussian();
      }
    }
    return Nd4j.createFromArray(x).reshape(n, d);
  }

  /**
   * {@code n} training rows and {@code q} queries of 784 random integer "pixels" in [0, 255] (the shape and
   * value range of Fashion-MNIST), with random labels 0–9.
   */
  private static void knnData(Map<String, INDArray> data, int n, int q) {
    Random random = new Random(7);
    data.put("knn_train", pixels(random, n));
    data.put("knn_labels", Nd4j.createFromArray(random.ints(n, 0, 10).asDoubleStream().toArray()).reshape(n, 1));
    data.put("knn_queries", pixels(random, q));
  }

  private static INDArray pixels(Random random, int rows) {
    return Nd4j.createFromArray(random.ints((long) rows * 784, 0, 256).asDoubleStream().toArray()).reshape(rows, 784);
  }

  /** Writes {@code data} to a temporary folder, runs the scikit-learn script on it and reads its results. */
  private static Reference scikitLearn(Optional<Path> home, Map<String, INDArray> data, int threads)
      throws IOException, InterruptedException {
    Path script = home.map(h -> h.resolve("tools/reference/bench_classic.py")).orElse(null);
    if (script == null || !Files.isReadable(script)) {
      return Reference.skipped("Kiln's home is unknown or lacks tools/reference/bench_classic.py");
    }
    if (!Files.isExecutable(PYTHON)) {
      return Reference.skipped("no " + PYTHON + " (apt-get install python3-sklearn to compare)");
    }
    Path folder = Files.createTempDirectory("kiln-bench-classic");
    try {
      List<String> shapes = new ArrayList<>();
      for (Map.Entry<String, INDArray> entry : data.entrySet()) {
        INDArray array = entry.getValue().castTo(DataType.DOUBLE).dup('c');
        try (FileChannel channel = FileChannel.open(folder.resolve(entry.getKey() + ".bin"),
            StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
          channel.write(array.data().asNio());   // native order: little-endian on x86-64 and ARM64
        }
        shapes.add(entry.getKey() + " " + array.size(0) + " " + array.size(1));
      }
      Files.write(folder.resolve("shapes.txt"), shapes);
      Process process = Benchmark.referenceProcess(List.of(PYTHON.toString(), script.toString(),
          folder.toString(), String.valueOf(KMEANS_RUNS), String.valueOf(KNN_RUNS)), threads).start();
      String output;
      try (InputStream stdout = process.getInputStream()) {
        output = new String(stdout.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
        return Reference.skipped("bench_classic.py failed: " + output.strip().lines().reduce((a, b) -> b)
            .orElse("no output"));
      }
      Map<String, Measured> timings = new LinkedHashMap<>();
      for (String line : output.lines().toList()) {
        String[] words = line.split(" ");
        if (words[0].equals("unavailable")) {
          return Reference.skipped(line);
        }
        if (words.length >= 3 && words[1].startsWith("seconds=") && words[2].startsWith("iterations=")) {
          timings.put(words[0], new Measured(Double.parseDouble(words[1].substring("seconds=".length())),
              Integer.parseInt(words[2].substring("iterations=".length()))));
        }
      }
      byte[] bytes = Files.readAllBytes(folder.resolve("knn_predicted.bin"));
      double[] knnPredicted = new double[bytes.length / 8];
      ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(knnPredicted);
      return new Reference(timings, knnPredicted, null);
    } finally {
      try (Stream<Path> files = Files.walk(folder)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }
}
