package dev.kiln.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.Model;
import dev.kiln.api.ModelProvider;
import dev.kiln.api.PluginLoader;
import dev.kiln.api.Registry;
import dev.kiln.api.data.Dataset;
import dev.kiln.api.train.Training;
import dev.kiln.io.ModelFile;
import dev.kiln.testkit.ModelFileContract;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Every network this module publishes survives a save and a load unchanged. */
class NnModelFileTest extends ModelFileContract {
  private static final Registry REGISTRY = new Registry(new PluginLoader(NnModelFileTest.class.getClassLoader(),
      List.of()));

  /** 16 rows of 3 classes; 784 features (the cnn's default 1 × 28 × 28 input), 8 time steps for the rnn. */
  @Override
  protected Dataset sample(ModelProvider provider) {
    int width = provider.name().equals("rnn") ? 8 : 784;
    return Dataset.of(Nd4j.rand(DataType.DOUBLE, 16, width),
        Nd4j.createFromArray(0.0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0));
  }

  @Test
  void batchNormRunningStatisticsAreSavedToo(@TempDir Path dir) {
    Model cnn = REGISTRY.model("cnn", Map.of("batchNorm", true));
    Dataset data = sample(new Cnn.Plugin());
    cnn.fit(data, training(null));
    Path file = dir.resolve("cnn.kiln");
    ModelFile.save(file, cnn, REGISTRY.origin(cnn), null);
    Model loaded = ModelFile.load(file, REGISTRY).model();
    assertTrue(cnn.state().keySet().stream().anyMatch(k -> k.endsWith("running_mean")), cnn.state().keySet()
        .toString());
    assertEquals(cnn.predict(data.features()), loaded.predict(data.features()));
  }

  @Override
  protected Training training(ModelProvider provider) {
    return Training.with(REGISTRY.optimizer("sgd", Map.of("lr", 0.01))).withEpochs(2).withBatchSize(8);
  }
}
