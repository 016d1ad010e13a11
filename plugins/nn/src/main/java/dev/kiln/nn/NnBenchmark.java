package dev.kiln.nn;

import dev.kiln.api.Benchmark;
import dev.kiln.api.KilnException;
import dev.kiln.api.Model;
import dev.kiln.api.Optimizer;
import dev.kiln.api.OptimizerProvider;
import dev.kiln.api.data.Dataset;
import dev.kiln.api.train.Progress;
import dev.kiln.api.train.Training;
import dev.kiln.api.train.TrainingListener;
import dev.kiln.data.Idx;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code kiln bench nn}: epoch times of the MLP 784-256-10 (SGD lr 0.05, momentum 0.9, batch 128) and of the
 * LeNet-5 CNN (SGD lr 0.02, momentum 0.9, batch 64) on Fashion-MNIST's 60,000 training images, and their
 * test accuracy after {@value #EPOCHS} epochs, side by side with the same work in PyTorch
 * ({@code tools/reference/bench_nn.py}, run with {@code /usr/bin/python3} when it and torch are installed).
 * Both sides use {@value #THREADS} threads and report the median epoch. Without Debian's
 * {@code dataset-fashion-mnist} package both use random images of the same shape (times only).
 */
public final class NnBenchmark implements Benchmark {
  static final int EPOCHS = 5;
  static final int THREADS = 2;

  @Override
  public String name() {
    return "nn";
  }

  @Override
  public String summary() {
    return "MLP 784-256-10 and LeNet-5 epochs on Fashion-MNIST, side by side with PyTorch";
  }

  /** One model's result: median seconds per epoch and test accuracy. */
  record Result(double epochSeconds, double accuracy) {}

  @Override
  public void run(PrintStream out, Optional<Path> kilnHome) throws IOException, InterruptedException {
    Nd4j.getEnvironment().setMaxMasterThreads(THREADS);
    Nd4j.getEnvironment().setMaxThreads(THREADS);
    Nd4j.factory().blas().setMaxThreads(THREADS);
    boolean real = Files.isDirectory(Idx.FASHION_MNIST);
    Dataset train = real ? Idx.fashionMnist(Idx.FASHION_MNIST, "train") : random(60_000, 0);
    Dataset test = real ? Idx.fashionMnist(Idx.FASHION_MNIST, "t10k") : random(10_000, 1);
    out.println(real ? "Fashion-MNIST from " + Idx.FASHION_MNIST : "Fashion-MNIST is not installed (apt-get install "
        + "dataset-fashion-mnist): random images of the same shape, so accuracies mean nothing");
    out.printf(Locale.ROOT, "%d epochs, %d threads, median epoch; the first epoch includes JIT warm-up; %s for "
        + "both%n", EPOCHS, THREADS, Benchmark.idleThreads());
    Result mlp = kiln(new Mlp(new MlpOptions(List.of(256), "relu", 0, "cross-entropy", "float32")), train, test,
        128, 0.05);
    Result cnn = kiln(new Cnn(CnnOptions.defaults()), train, test, 64, 0.02);
    Map<String, Result> torch = new HashMap<>();
    String note = torch(kilnHome, torch);
    out.printf(Locale.ROOT, "%-34s %12s %12s %7s %9s %9s%n", "model", "kiln s/ep", "torch s/ep", "ratio", "kiln acc",
        "torch acc");
    row(out, "mlp 784-256-10, batch 128, sgd", mlp, torch.get("mlp"));
    row(out, "cnn LeNet-5, batch 64, sgd", cnn, torch.get("cnn"));
    out.println("goals: epoch time ratio <= 1.0; test accuracy >= 0.85 (mlp), >= 0.88 (cnn) after " + EPOCHS
        + " epochs");
    if (note != null) {
      out.println(note);
    }
  }

  private static void row(PrintStream out, String what, Result kiln, Result torch) {
    out.printf(Locale.ROOT, "%-34s %12.3f %12s %7s %9.4f %9s%n", what, kiln.epochSeconds(),
        torch == null ? "-" : String.format(Locale.ROOT, "%.3f", torch.epochSeconds()),
        torch == null ? "-" : String.format(Locale.ROOT, "%.2fx", kiln.epochSeconds() / torch.epochSeconds()),
        kiln.accuracy(), torch == null ? "-" : String.format(Locale.ROOT, "%.4f", torch.accuracy()));
  }

  private static Result kiln(Model model, Dataset train, Dataset test, int batchSize, double lr) {
    List<Double> seconds = new ArrayList<>();
    TrainingListener clock = new TrainingListener() {
      private long start = System.nanoTime();

      @Override
      public void onEpoch(Progress progress) {
        long now = System.nanoTime();
        seconds.add((now - start) / 1e9);
        start = now;
      }
    };
    model.fit(train, Training.with(sgd(lr, 0.9)).withEpochs(EPOCHS).withBatchSize(batchSize).withSeed(0)
        .withListener(clock));
    double accuracy = test.labels().eq(model.predict(test.features())).castTo(DataType.DOUBLE).meanNumber()
        .doubleValue();
    return new Result(seconds.stream().sorted().toList().get(seconds.size() / 2), accuracy);
  }

  /** The {@code sgd} optimizer plugin found on the class path, with learning rate and momentum. */
  static Optimizer sgd(double lr, double momentum) {
    for (OptimizerProvider provider : ServiceLoader.load(OptimizerProvider.class)) {
      if (provider.name().equals("sgd")) {
        return provider.create(provider.schema().parse(Map.of("lr", lr, "momentum", momentum)));
      }
    }
    throw new KilnException("the nn benchmark needs the sgd optimizer plugin (kiln-optim) on the class path");
  }

  /** Runs the PyTorch script into {@code results}; returns a note when it could not run, else {@code null}. */
  private static String torch(Optional<Path> kilnHome, Map<String, Result> results)
      throws IOException, InterruptedException {
    Path python = Path.of("/usr/bin/python3");
    Path script = kilnHome.map(home -> home.resolve("tools/reference/bench_nn.py")).orElse(null);
    if (script == null || !Files.isRegularFile(script) || !Files.isExecutable(python)) {
      return "PyTorch column skipped: needs /usr/bin/python3 with torch (python3-torch) and Kiln's "
          + "tools/reference/bench_nn.py";
    }
    Process process = Benchmark.referenceProcess(List.of(python.toString(), script.toString(),
        String.valueOf(EPOCHS)), THREADS).start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lines.add(line);
        String[] words = line.strip().split("\\s+");
        if (words.length == 4 && (words[0].equals("mlp") || words[0].equals("cnn"))) {
          results.put(words[0], new Result(Double.parseDouble(words[1]), Double.parseDouble(words[2])));
        }
      }
    }
    if (process.waitFor() != 0 || results.size() != 2) {
      return "PyTorch column skipped: bench_nn.py failed (is python3-torch installed?): "
          + (lines.isEmpty() ? "no output" : lines.get(lines.size() - 1));
    }
    return null;
  }

  /** {@code n} random 28×28 images with random labels, for timing when Fashion-MNIST is absent. */
  private static Dataset random(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] labels = new double[n];
    for (int i = 0; i < n; i++) {
      labels[i] = random.nextInt(10);
    }
    Nd4j.getRandom().setSeed(seed);
    return Dataset.of(Nd4j.rand(DataType.FLOAT, n, 784), Nd4j.createFromArray(labels));
  }
}
