package dev.kiln.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.kiln.api.Classifier;
import dev.kiln.api.Model;
import dev.kiln.api.ModelProvider;
import dev.kiln.api.PluginLoader;
import dev.kiln.api.Registry;
import dev.kiln.api.Transformer;
import dev.kiln.api.data.Dataset;
import dev.kiln.api.train.Training;
import dev.kiln.io.ModelFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The contract every model family runs over all its model plugins: a fitted model saved to a model file and
 * loaded back predicts exactly as before (and gives the same probabilities and transforms, where it has
 * them). A family's test names the data each of its models fits on.
 */
public abstract class ModelFileContract {
  /** Data that {@code provider}'s model, created with default options, can fit. */
  protected abstract Dataset sample(ModelProvider provider);

  /** How to fit it; the model's own solver by default. */
  protected Training training(ModelProvider provider) {
    return Training.defaults();
  }

  @TestFactory
  Stream<DynamicTest> everyModelRoundTripsThroughAFile() {
    Registry registry = new Registry(new PluginLoader(getClass().getClassLoader(), List.of()));
    List<ModelProvider> providers = ServiceLoader.load(ModelProvider.class).stream()
        .map(ServiceLoader.Provider::get).toList();
    assertFalse(providers.isEmpty(), "no model plugins on the classpath");
    return providers.stream().map(provider -> DynamicTest.dynamicTest(provider.name(), () -> {
      Dataset data = sample(provider);
      Model model = registry.model(provider.name(), Map.of());
      model.fit(data, training(provider));
      Path dir = Files.createTempDirectory("kiln-model-file");
      try {
        Path file = dir.resolve(provider.name() + ".kiln");
        ModelFile.save(file, model, registry.origin(model), null);
        Model loaded = ModelFile.load(file, registry).model();
        INDArray x = data.features();
        assertEquals(model.predict(x), loaded.predict(x), provider.name() + ": predictions differ after loading");
        if (model instanceof Classifier classifier) {
          assertEquals(classifier.predictProba(x), ((Classifier) loaded).predictProba(x));
        }
        if (model instanceof Transformer transformer) {
          assertEquals(transformer.transform(x), ((Transformer) loaded).transform(x));
        }
        assertEquals(registry.origin(model).options(),
            registry.origin(loaded).options());
      } finally {
        delete(dir);
      }
    }));
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
