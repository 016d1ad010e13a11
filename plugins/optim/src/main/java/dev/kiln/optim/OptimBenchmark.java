package dev.kiln.optim;

import dev.kiln.api.Benchmark;
import dev.kiln.api.Optimizer;
import dev.kiln.api.OptimizerProvider;
import dev.kiln.api.train.Parameter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The {@code optim} benchmark: the time of one {@code step()} on 10 million float32 parameters (one tensor,
 * fixed random values and gradient) for each optimizer, the median of 21 steps after 20 warm-up steps (the
 * first allocates the optimizer's state; the JIT compiles the step's Java code over the first few); next to
 * {@code torch.optim} doing the same with the same thread count
 * ({@code tools/reference/bench_optim.py} run by {@code /usr/bin/python3}, when it and PyTorch are there).
 * Kiln and PyTorch take turns for {@value #ROUNDS} rounds, and each column and the ratio are medians over the
 * rounds: memory bandwidth on a shared machine moves by up to 2× between minutes (PyTorch's plain SGD step took
 * 0.7–1.7 ms on one VM), which a single turn each would put into the ratio. A last line gives the time of the
 * NaN check that each Kiln step makes and {@code torch.optim} does not (a read of the gradient: on plain SGD's
 * one pass over parameter and gradient, a third more memory traffic).
 */
public final class OptimBenchmark implements Benchmark {
  private static final Path PYTHON = Path.of("/usr/bin/python3");
  private static final int WARMUP = 20;

  /** One row: a label shared with the Python script, the plugin and its options. */
  record Case(String label, OptimizerProvider provider, Map<String, Object> options) {}

  static final List<Case> CASES = List.of(
      new Case("sgd", new Sgd.Plugin(), Map.of("lr", 0.01)),
      new Case("sgd-momentum", new Sgd.Plugin(), Map.of("lr", 0.01, "momentum", 0.9)),
      new Case("sgd-nesterov-decay", new Sgd.Plugin(), Map.of("lr", 0.01, "momentum", 0.9, "nesterov", true,
          "weightDecay", 1e-4)),
      new Case("adagrad", new Adagrad.Plugin(), Map.of()),
      new Case("adadelta", new Adadelta.Plugin(), Map.of()),
      new Case("rmsprop", new RmsProp.Plugin(), Map.of()),
      new Case("rmsprop-centered-momentum", new RmsProp.Plugin(), Map.of("centered", true, "momentum", 0.9)),
      new Case("adam", new Adam.Plugin(), Map.of()),
      new Case("adam-amsgrad", new Adam.Plugin(), Map.of("amsgrad", true)),
      new Case("adamw", new AdamW.Plugin(), Map.of()));

  private static final int ROUNDS = 3;

  private final int size;
  private final int runs;
  private final int rounds;

  public OptimBenchmark() {
    this(10_000_000, 21, ROUNDS);
  }

  /** A benchmark on {@code size} parameters, timing {@code runs} steps per optimizer in each of {@code rounds}. */
  OptimBenchmark(int size, int runs, int rounds) {
    this.size = size;
    this.runs = runs;
    this.rounds = rounds;
  }

  @Override
  public String name() {
    return "optim";
  }

  @Override
  public String summary() {
    return "one step() on 10 million float32 parameters per optimizer, next to torch.optim";
  }

  @Override
  public void run(PrintStream out, Optional<Path> kilnHome) {
    int threads = Nd4j.getEnvironment().maxThreads();
    Nd4j.getRandom().setSeed(42);
    INDArray value = Nd4j.rand(DataType.FLOAT, size);
    INDArray gradient = Nd4j.rand(DataType.FLOAT, size).subi(0.5);
    Map<String, double[]> kiln = new HashMap<>();
    Map<String, double[]> torch = new HashMap<>();
    double[] check = new double[rounds];
    String note = "";
    for (int round = 0; round < rounds; round++) {
      for (Case c : CASES) {
        kiln.computeIfAbsent(c.label(), k -> new double[rounds])[round] = timeKiln(c, new Parameter("theta",
            value, gradient));
        System.gc();
      }
      check[round] = time(() -> BaseOptimizer.checkSum(gradient, false));
      Map<String, Double> times = new HashMap<>();
      note = kilnHome.map(home -> runTorch(home, threads, times)).orElse(
          "Kiln's home is unknown (start through ./kiln): no torch column");
      int r = round;
      times.forEach((label, millis) -> torch.computeIfAbsent(label, k -> new double[rounds])[r] = millis);
    }
    out.printf(Locale.ROOT, "optim: one step() on %,d float32 parameters, median of %d steps after %d warm-up "
        + "steps, medians of %d rounds taken in turn with torch, %d threads, %s%n", size, runs, WARMUP, rounds,
        threads, Benchmark.idleThreads());
    out.printf(Locale.ROOT, "%-26s %10s %10s %11s%n", "optimizer", "kiln ms", "torch ms", "kiln/torch");
    for (Case c : CASES) {
      double[] mine = kiln.get(c.label());
      double[] times = torch.get(c.label());
      double[] reference = note.isEmpty() && times != null && Arrays.stream(times).allMatch(t -> t > 0) ? times
          : null;
      String ratio = "-";
      if (reference != null) {
        double[] ratios = new double[rounds];
        Arrays.setAll(ratios, r -> mine[r] / reference[r]);
        ratio = String.format(Locale.ROOT, "%.2f", median(ratios));
      }
      out.printf(Locale.ROOT, "%-26s %10.3f %10s %11s%n", c.label(), median(mine),
          reference == null ? "-" : String.format(Locale.ROOT, "%.3f", median(reference)), ratio);
    }
    out.printf(Locale.ROOT, "(each Kiln step first reads its gradient to check for NaN, which torch.optim does "
        + "not: %.3f ms of every row)%n", median(check));
    if (!note.isEmpty()) {
      out.println("(" + note + ")");
    }
  }

  private double timeKiln(Case c, Parameter p) {
    Optimizer optimizer = c.provider().create(c.provider().schema().parse(c.options()));
    List<Parameter> parameters = List.of(p);
    return time(() -> optimizer.step(parameters));
  }

  /** The median time of {@code runs} calls of {@code work} after {@value #WARMUP} warm-up calls, in ms. */
  private double time(Runnable work) {
    for (int i = 0; i < WARMUP; i++) {
      work.run();
    }
    double[] millis = new double[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      work.run();
      millis[i] = (System.nanoTime() - start) / 1e6;
    }
    return median(millis);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /**
   * Runs the reference script with {@code threads} threads, putting its times into {@code times}; returns a
   * note on why the column is empty, or "" when it is filled.
   */
  private String runTorch(Path home, int threads, Map<String, Double> times) {
    Path script = home.resolve("tools/reference/bench_optim.py");
    if (!Files.isExecutable(PYTHON) || !Files.exists(script)) {
      return "no torch column: " + (Files.exists(script) ? PYTHON + " is not installed" : script + " is missing");
    }
    List<String> command = new ArrayList<>(List.of(PYTHON.toString(), script.toString(), "--threads",
        String.valueOf(threads), "--size", String.valueOf(size), "--runs", String.valueOf(runs), "--warmup",
        String.valueOf(WARMUP)));
    CASES.forEach(c -> command.add(c.label()));
    ProcessBuilder builder = Benchmark.referenceProcess(command, threads);
    List<String> other = new ArrayList<>();
    try {
      Process process = builder.start();
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          String[] fields = line.split(" ");
          if (fields.length == 3 && fields[0].equals("result")) {
            times.put(fields[1], Double.parseDouble(fields[2]));
          } else if (!line.isBlank()) {
            other.add(line.strip());
          }
        }
      }
      if (!process.waitFor(10, TimeUnit.MINUTES)) {
        process.destroy();
        return "no torch column: " + script.getFileName() + " took over 10 minutes";
      }
      if (process.exitValue() != 0) {
        return "no torch column: " + (other.isEmpty() ? "exit code " + process.exitValue()
            : other.get(other.size() - 1));
      }
      return "";
    } catch (IOException e) {
      return "no torch column: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "no torch column: interrupted";
    }
  }
}
