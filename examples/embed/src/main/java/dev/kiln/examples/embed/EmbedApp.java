package dev.kiln.examples.embed;

import com.google.inject.Guice;
import dev.kiln.api.Classifier;
import dev.kiln.api.Metric;
import dev.kiln.api.Model;
import dev.kiln.api.PluginLoader;
import dev.kiln.api.Predictions;
import dev.kiln.api.Registry;
import dev.kiln.api.data.Dataset;
import dev.kiln.api.data.Vocabulary;
import dev.kiln.api.train.Training;
import dev.kiln.inject.KilnModule;
import dev.kiln.io.ModelFile;
import dev.kiln.io.Provenance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A Java service that embeds Kiln as a library: it gets a {@link Registry} two ways (plain Java, and Guice's
 * {@link KilnModule}), trains a character bigram language model with the {@code sgd} optimizer plugin,
 * scores it, saves it to a model file with its provenance, loads it back, and serves predictions from
 * several threads at once. It compiles against the API alone; plugins are found on the classpath. Its one
 * argument is where to keep the model file; without it the file is temporary and deleted at the end.
 */
public final class EmbedApp {
  static final String TEXT = "the quick brown fox jumps over the lazy dog; the dog sleeps, the fox runs.";

  private EmbedApp() {}

  public static void main(String[] args) throws Exception {
    Registry plain = new Registry(new PluginLoader(EmbedApp.class.getClassLoader(), PluginLoader.defaultFolders(
        List.of())));
    Registry injected = Guice.createInjector(new KilnModule()).getInstance(Registry.class);
    System.out.printf("registries: %d plugins (plain Java), %d plugins (Guice)%n", plain.plugins().size(),
        injected.plugins().size());
    if (args.length > 0) {
      Result result = run(injected, Path.of(args[0]));
      System.out.printf("accuracy %.3f; saved to %s; %d threads agreed with the original model%n",
          result.accuracy(), args[0], result.threads());
      return;
    }
    Path folder = Files.createTempDirectory("kiln-embed");
    Path file = folder.resolve("bigram.kiln");
    try {
      Result result = run(injected, file);
      System.out.printf("accuracy %.3f; saved and loaded back through a temporary file (pass a path to keep it); "
          + "%d threads agreed with the original model%n", result.accuracy(), result.threads());
    } finally {
      Files.deleteIfExists(file);
      Files.delete(folder);
    }
  }

  /** What {@link #run} measured. */
  record Result(double accuracy, int threads) {}

  /** Trains, scores, saves, loads, and predicts concurrently; fails if any thread disagrees. */
  static Result run(Registry registry, Path file) throws Exception {
    Vocabulary vocabulary = Vocabulary.ofCharacters(TEXT);
    Dataset pairs = Dataset.nextToken(vocabulary.encode(TEXT));
    Model model = registry.model("bigram", Map.of());
    Training how = Training.with(registry.optimizer("sgd", Map.of("lr", 2.0, "momentum", 0.9)))
        .withEpochs(30).withBatchSize(16).withSeed(7);
    var fit = model.fit(pairs, how);
    Metric<Predictions> accuracy = registry.metric("accuracy", Map.of(), Predictions.class);
    double score = accuracy.score(new Predictions(pairs.labels(), model.predict(pairs.features()))).value();

    var origin = registry.origin(model);
    var provenance = Provenance.of(origin, pairs, how, registry.origin(how.optimizer()), fit)
        .withMetric("accuracy", score);
    ModelFile.save(file, model, origin, provenance);
    Classifier loaded = (Classifier) ModelFile.load(file, registry).model();

    INDArray expected = ((Classifier) model).predictProba(pairs.features());
    int threads = 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<INDArray>> answers = new ArrayList<>();
      for (int i = 0; i < threads * 4; i++) {
        answers.add(pool.submit(() -> loaded.predictProba(pairs.features())));
      }
      for (Future<INDArray> answer : answers) {
        if (!answer.get().equals(expected)) {
          throw new IllegalStateException("a thread's prediction differs from the original model's");
        }
      }
    } finally {
      pool.shutdown();
    }
    return new Result(score, threads);
  }
}
