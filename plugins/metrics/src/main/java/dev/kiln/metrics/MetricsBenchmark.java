package dev.kiln.metrics;

import dev.kiln.api.Benchmark;
import dev.kiln.api.Predictions;
import dev.kiln.api.metric.TextPairs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import java.util.stream.Stream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code kiln bench metrics}: BLEU and ROUGE-L over 10,000 sentence pairs of about 25 tokens and ROC-AUC over
 * 1,000,000 scores, timed in Kiln and, on the same data written to a temporary folder, by the Python tools
 * when installed ({@code tools/reference/bench_metrics.py}: NLTK, sacreBLEU, rouge-score, scikit-learn, with 2
 * threads); medians of 5 runs after 2 warm-up runs, printed side by side with the ratio Kiln / reference.
 */
public final class MetricsBenchmark implements Benchmark {
  private static final int RUNS = 5;
  private static final int PAIRS = 10_000;
  private static final int SCORES = 1_000_000;
  private static final Path PYTHON = Path.of("/usr/bin/python3");

  @Override
  public String name() {
    return "metrics";
  }

  @Override
  public String summary() {
    return "BLEU and ROUGE-L over 10,000 sentence pairs, ROC-AUC over 1,000,000 scores, against NLTK/sklearn";
  }

  @Override
  public void run(PrintStream out, Optional<Path> kilnHome) throws IOException, InterruptedException {
    SplittableRandom random = new SplittableRandom(42);
    TextPairs pairs = sentencePairs(random);
    double[] labels = new double[SCORES];
    double[] scores = new double[SCORES];
    for (int i = 0; i < SCORES; i++) {
      labels[i] = random.nextInt(2);
      scores[i] = 0.3 * labels[i] + 0.7 * random.nextDouble();
    }
    INDArray labelTensor = Nd4j.createFromArray(labels);
    INDArray scoreTensor = Nd4j.createFromArray(scores);
    Bleu plain = new Bleu(new BleuOptions("none", false, "none", 0, 4, false, "corpus"));
    Bleu sacre = new Bleu(BleuOptions.defaults());
    Rouge rouge = new Rouge(new Rouge.Options("rougeL", false));
    RocAuc auc = new RocAuc(new RocAuc.Options("macro"));
    Map<String, double[]> kiln = new HashMap<>();
    kiln.put("bleu-nltk", time(() -> plain.score(copy(pairs)).value()));
    kiln.put("bleu-sacrebleu", time(() -> sacre.score(copy(pairs)).value()));
    kiln.put("rougeL", time(() -> rouge.score(copy(pairs)).value()));
    kiln.put("roc-auc", time(() -> auc.score(new Predictions(labelTensor, scoreTensor)).value()));
    Map<String, String> python = python(out, kilnHome, pairs, labels, scores);

    out.printf(Locale.ROOT, "metrics benchmark: medians of %d runs; Python with 2 threads; %s%n", RUNS,
        Benchmark.idleThreads());
    out.printf(Locale.ROOT, "%-38s %9s  %-24s %9s %9s%n", "work", "kiln s", "reference", "ref s", "kiln/ref");
    row(out, "BLEU corpus, 10k pairs, tok none", "NLTK corpus_bleu", kiln.get("bleu-nltk"), python.get("bleu-nltk"));
    row(out, "BLEU corpus, 10k pairs, 13a + exp", "sacreBLEU corpus_bleu", kiln.get("bleu-sacrebleu"),
        python.get("bleu-sacrebleu"));
    row(out, "ROUGE-L, 10k pairs", "rouge-score", kiln.get("rougeL"), python.get("rougeL"));
    row(out, "ROC-AUC, 1M scores", "sklearn roc_auc_score", kiln.get("roc-auc"), python.get("roc-auc"));
  }

  /** Pairs of 20-30 words drawn from 3,000 made-up words (small ids likelier); hypotheses edit ~35%. */
  private static TextPairs sentencePairs(SplittableRandom random) {
    String[] syllables = {"ka", "lo", "mi", "ne", "ru", "ta", "vo", "si", "de", "pa", "zu", "ge", "bi", "ho"};
    String[] words = new String[3000];
    for (int w = 0; w < words.length; w++) {
      words[w] = syllables[w % 14] + syllables[(w / 14) % 14] + (w >= 196 ? syllables[(w / 196) % 14] : "");
    }
    List<String> references = new ArrayList<>();
    List<String> hypotheses = new ArrayList<>();
    for (int p = 0; p < PAIRS; p++) {
      int length = 20 + random.nextInt(11);
      StringBuilder reference = new StringBuilder();
      StringBuilder hypothesis = new StringBuilder();
      for (int i = 0; i < length; i++) {
        double u = random.nextDouble();
        String word = words[(int) (words.length * u * u)];
        reference.append(i == 0 ? "" : " ").append(word);
        double edit = random.nextDouble();
        if (edit >= 0.05) {
          String said = edit < 0.7 ? word : words[random.nextInt(words.length)];
          hypothesis.append(hypothesis.length() == 0 ? "" : " ").append(said);
        }
      }
      references.add(reference.append(" .").toString());
      hypotheses.add(hypothesis.append(" .").toString());
    }
    return new TextPairs(List.of(references), hypotheses);
  }

  /** A fresh TextPairs, so that its construction and validation are timed too. */
  private static TextPairs copy(TextPairs pairs) {
    return new TextPairs(pairs.references(), pairs.hypotheses());
  }

  /** {median seconds, value} over RUNS runs after two warm-up runs. */
  private static double[] time(DoubleSupplier work) {
    work.getAsDouble();
    double value = work.getAsDouble();
    double[] seconds = new double[RUNS];
    for (int r = 0; r < RUNS; r++) {
      long start = System.nanoTime();
      value = work.getAsDouble();
      seconds[r] = (System.nanoTime() - start) / 1e9;
    }
    Arrays.sort(seconds);
    return new double[] {seconds[RUNS / 2], value};
  }

  private static void row(PrintStream out, String work, String tool, double[] kiln, String python) {
    // python: "seconds value" or "skip reason"
    String[] fields = python == null ? new String[] {"skip", "Python side not run"} : python.split(" ", 2);
    if (fields[0].equals("skip")) {
      out.printf(Locale.ROOT, "%-38s %9.4f  %-24s %s%n", work, kiln[0], tool, "n/a: " + fields[1]);
      return;
    }
    double seconds = Double.parseDouble(fields[0]);
    out.printf(Locale.ROOT, "%-38s %9.4f  %-24s %9.4f %9.2f   (value %.6f vs %.6f)%n", work, kiln[0], tool,
        seconds, kiln[0] / seconds, kiln[1], Double.parseDouble(fields[1]));
  }

  /** Runs bench_metrics.py on the same data; name to "seconds value" or "skip reason"; empty with a note if not. */
  private static Map<String, String> python(PrintStream out, Optional<Path> kilnHome, TextPairs pairs,
      double[] labels, double[] scores) throws IOException, InterruptedException {
    Map<String, String> results = new HashMap<>();
    Optional<Path> script = kilnHome.map(home -> home.resolve("tools/reference/bench_metrics.py"))
        .filter(Files::isRegularFile);
    if (script.isEmpty() || !Files.isExecutable(PYTHON)) {
      out.println("(reference column skipped: " + (script.isEmpty() ? "tools/reference/bench_metrics.py not found"
          + " (run through ./kiln)" : PYTHON + " not found") + ")");
      return results;
    }
    Path folder = Files.createTempDirectory("kiln-bench-metrics");
    try {
      Files.write(folder.resolve("references.txt"), lines(pairs.references().get(0)));
      Files.write(folder.resolve("hypotheses.txt"), lines(pairs.hypotheses()));
      Files.write(folder.resolve("labels.f64"), littleEndian(labels));
      Files.write(folder.resolve("scores.f64"), littleEndian(scores));
      Process process = Benchmark.referenceProcess(List.of(PYTHON.toString(), script.get().toString(),
          folder.toString(), String.valueOf(RUNS)), 2).start();
      List<String> other = new ArrayList<>();
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          String[] parts = line.split(" ", 2);
          if (parts.length == 2 && List.of("bleu-nltk", "bleu-sacrebleu", "rougeL", "roc-auc").contains(parts[0])) {
            results.put(parts[0], parts[1]);
          } else {
            other.add(line);
          }
        }
      }
      if (process.waitFor() != 0) {
        out.println("(bench_metrics.py failed: " + String.join(" | ", other.subList(Math.max(0, other.size() - 2),
            other.size())) + ")");
      }
      return results;
    } finally {
      try (Stream<Path> files = Files.walk(folder)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static byte[] lines(List<String> texts) {
    return (String.join("\n", texts) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] littleEndian(double[] values) {
    ByteBuffer buffer = ByteBuffer.allocate(values.length * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    buffer.asDoubleBuffer().put(values);
    return buffer.array();
  }
}
