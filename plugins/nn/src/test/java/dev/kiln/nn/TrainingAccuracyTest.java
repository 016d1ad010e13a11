package dev.kiln.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.data.Batch;
import dev.kiln.api.data.Dataset;
import dev.kiln.api.train.Fit;
import dev.kiln.api.train.Progress;
import dev.kiln.api.train.Training;
import dev.kiln.api.train.TrainingListener;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Networks that classify report their training accuracy, per batch and per epoch; regressors report none. */
class TrainingAccuracyTest {
  /** Records every progress report. */
  static final class Recorder implements TrainingListener {
    final List<Progress> batches = new ArrayList<>();
    final List<Progress> epochs = new ArrayList<>();

    @Override
    public void onBatch(Progress p) {
      batches.add(p);
    }

    @Override
    public void onEpoch(Progress p) {
      epochs.add(p);
    }
  }

  /** 30 points in three well-separated clusters around (0, 4), (4, 0) and (-4, -4), labelled 0, 1, 2. */
  static Dataset clusters() {
    Random random = new Random(5);
    double[][] centres = {{0, 4}, {4, 0}, {-4, -4}};
    double[][] x = new double[30][2];
    double[] y = new double[30];
    for (int i = 0; i < 30; i++) {
      y[i] = i % 3;
      x[i][0] = centres[i % 3][0] + 0.5 * random.nextGaussian();
      x[i][1] = centres[i % 3][1] + 0.5 * random.nextGaussian();
    }
    return Dataset.of(Nd4j.createFromArray(x), Nd4j.createFromArray(y));
  }

  @Test
  void aClassifierOnSeparableDataReachesFullTrainingAccuracy() {
    Dataset data = clusters();
    Mlp mlp = new Mlp(new MlpOptions(List.of(8), "relu", 0, "cross-entropy", "float32"));
    Recorder recorder = new Recorder();
    Fit fit = mlp.fit(data, Training.with(NnBenchmark.sgd(0.1, 0.9)).withEpochs(20).withBatchSize(8).withSeed(1)
        .withListener(recorder));
    assertEquals(20, fit.epochAccuracies().size());
    assertEquals(1.0, fit.epochAccuracies().get(19), fit.epochAccuracies().toString());
    assertTrue(fit.epochAccuracies().get(0) < 1.0, "starts below 1: " + fit.epochAccuracies());
    assertEquals(1.0, recorder.epochs.get(19).accuracy());
    for (int epoch = 0; epoch < 20; epoch++) {
      Progress end = recorder.epochs.get(epoch);
      assertEquals(fit.epochAccuracies().get(epoch), end.accuracy());
      assertEquals(end.accuracy(), recorder.batches.get(4 * epoch + 3).accuracy(), 1e-12,
          "the last batch's running accuracy covers the whole epoch");
    }
    for (Progress p : recorder.batches) {
      double seen = Math.min(8.0 * p.batch(), 30);
      assertEquals(Math.rint(p.accuracy() * seen), p.accuracy() * seen, 1e-9, "a fraction of the rows seen: " + p);
    }
  }

  @Test
  void theBatchCountMatchesPredictForClassIndicesAndOneHotRows() {
    Dataset data = clusters();
    Mlp mlp = new Mlp(new MlpOptions(List.of(4), "tanh", 0, "cross-entropy", "float64"));
    mlp.build(2, 3, 11);
    assertEquals(OptionalInt.empty(), new Mlp(new MlpOptions(List.of(4), "tanh", 0, "cross-entropy", "float64"))
        .lastBatchCorrect(), "nothing before the first batch");
    INDArray predicted = mlp.predict(data.features());
    int expected = predicted.eq(data.labels()).castTo(DataType.INT).sumNumber().intValue();
    mlp.lossAndGradient(new Batch(data.features(), data.labels()));
    assertEquals(OptionalInt.of(expected), mlp.lastBatchCorrect());
    mlp.lossAndGradient(new Batch(data.features(), Losses.oneHot(data.labels(), 3, DataType.DOUBLE)));
    assertEquals(OptionalInt.of(expected), mlp.lastBatchCorrect());
  }

  @Test
  void aRegressorReportsNoAccuracy() {
    Dataset data = clusters();
    Mlp mlp = new Mlp(new MlpOptions(List.of(4), "relu", 0, "mse", "float32"));
    Recorder recorder = new Recorder();
    Fit fit = mlp.fit(data, Training.with(NnBenchmark.sgd(0.01, 0)).withEpochs(2).withBatchSize(16)
        .withListener(recorder));
    assertEquals(List.of(), fit.epochAccuracies());
    assertEquals(2, fit.epochLosses().size());
    assertTrue(recorder.batches.stream().allMatch(p -> Double.isNaN(p.accuracy())), recorder.batches.toString());
    assertFalse(recorder.epochs.get(1).hasAccuracy());
    assertEquals(OptionalInt.empty(), mlp.lastBatchCorrect());
  }
}
