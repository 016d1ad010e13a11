package dev.kiln.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.data.Dataset;
import dev.kiln.api.train.Fit;
import dev.kiln.api.train.Training;
import dev.kiln.api.train.Validation;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** A network assembled from layers, trained with validation after each epoch. */
class SequentialModelTest {
  @Test
  void assembledLayersTrainAndValidateEachEpoch() {
    Dataset.Split split = MlpTest.digits();
    SplittableRandom random = new SplittableRandom(7);
    SequentialModel model = new SequentialModel(List.of(new Dense(64, 48, true, random, DataType.FLOAT),
        Activation.of("gelu"), new LayerNorm(48, 1e-5, DataType.FLOAT), new Dropout(0.1, 3),
        new Dense(48, 10, true, random, DataType.FLOAT)), "cross-entropy", "float32");
    Validation validation = new Validation(() -> model.evaluate(split.test()).loss(), false, 0);
    Fit fit = model.fit(split.train(), Training.with(NnBenchmark.sgd(0.05, 0.9))
        .withEpochs(6).withBatchSize(32).withSeed(1).withListener(validation));
    List<Validation.Epoch> history = validation.history();
    assertEquals(6, history.size());
    for (int i = 0; i < 6; i++) {
      assertEquals(i + 1, history.get(i).epoch());
      assertEquals(fit.epochLosses().get(i), history.get(i).trainLoss(), 1e-12);
      assertEquals(fit.epochAccuracies().get(i), history.get(i).trainAccuracy(), 1e-12);
    }
    Validation.Epoch last = history.get(5);
    assertTrue(last.score() < history.get(0).score(), history.toString());
    assertTrue(last.trainAccuracy() > history.get(0).trainAccuracy(), history.toString());
    double accuracy = MlpTest.accuracy(split.test().labels(), model.predict(split.test().features()));
    assertTrue(accuracy >= 0.95, "test accuracy " + accuracy);
    assertEquals(model.evaluate(split.test()), new Network.Evaluation(last.score(), accuracy));
  }
}
