package dev.kiln.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.KilnException;
import dev.kiln.api.data.Batch;
import dev.kiln.api.data.Dataset;
import dev.kiln.api.train.Fit;
import dev.kiln.api.train.Training;
import dev.kiln.autograd.Inputs;
import dev.kiln.autograd.ParameterCheck;
import dev.kiln.data.Datasets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The mlp model: gradients, accuracy on digits, reproducibility and bad input. */
class MlpTest {
  static Dataset.Split digits() {
    Dataset digits = Datasets.load("digits");
    Dataset scaled = Dataset.of(digits.features().div(16), digits.labels()).withClassNames(digits.classNames());
    return scaled.split(0.8, 42, true);
  }

  static double accuracy(INDArray truth, INDArray predicted) {
    return truth.eq(predicted).castTo(DataType.DOUBLE).meanNumber().doubleValue();
  }

  @Test
  void gradientsMatchCentralDifferencesInFloat64() {
    Batch batch = new Batch(Inputs.uniform(61, 6, 5), Nd4j.createFromArray(0.0, 2, 1, 2, 0, 1));
    for (String activation : new String[] {"tanh", "gelu", "sigmoid"}) {
      Mlp mlp = new Mlp(new MlpOptions(List.of(4, 3), activation, 0, "cross-entropy", "float64"));
      mlp.build(5, 3, 9);
      double error = ParameterCheck.maxRelativeError(mlp, batch, 1e-5);
      assertTrue(error < 1e-6, activation + ": max relative error " + error);
    }
    Mlp regressor = new Mlp(new MlpOptions(List.of(4), "silu", 0, "mse", "float64"));
    regressor.build(5, 2, 3);
    double error = ParameterCheck.maxRelativeError(regressor, new Batch(Inputs.uniform(62, 6, 5),
        Inputs.uniform(63, 6, 2)), 1e-5);
    assertTrue(error < 1e-6, "mse: max relative error " + error);
  }

  @Test
  void seed001MlpLearnsDigits() {
    Dataset.Split split = digits();
    Mlp mlp = new Mlp(new MlpOptions(List.of(64), "relu", 0, "cross-entropy", "float32"));
    Fit fit = mlp.fit(split.train(), Training.with(NnBenchmark.sgd(0.1, 0.9))
        .withEpochs(20).withBatchSize(32).withSeed(1));
    assertTrue(fit.epochLosses().get(19) < 0.1 * fit.epochLosses().get(0), fit.epochLosses().toString());
    double accuracy = accuracy(split.test().labels(), mlp.predict(split.test().features()));
    assertTrue(accuracy >= 0.95, "test accuracy " + accuracy);
    INDArray proba = mlp.predictProba(split.test().features());
    assertArrayEquals(new long[] {split.test().size(), 10}, proba.shape());
    assertEquals(split.test().size(), proba.sumNumber().doubleValue(), 1e-3);
  }

  @Test
  void seed001MseOnOneHotTargetsWithDropoutAlsoLearnsDigits() {
    Dataset.Split split = digits();
    INDArray oneHot = Nd4j.eye(10).getRows(split.train().labels().toIntVector());
    Mlp mlp = new Mlp(new MlpOptions(List.of(64), "relu", 0.1, "mse", "float32"));
    mlp.fit(Dataset.of(split.train().features(), oneHot), Training.with(NnBenchmark.sgd(0.2, 0.9)).withEpochs(30)
        .withBatchSize(32).withSeed(2));
    INDArray predicted = Nd4j.argMax(mlp.predict(split.test().features()), 1).castTo(DataType.DOUBLE);
    double accuracy = accuracy(split.test().labels(), predicted);
    assertTrue(accuracy >= 0.95, "test accuracy " + accuracy);
  }

  @Test
  void theSameSeedGivesTheSameModel() {
    Dataset.Split split = digits();
    double[] first = null;
    for (int run = 0; run < 2; run++) {
      Mlp mlp = new Mlp(new MlpOptions(List.of(16), "relu", 0.2, "cross-entropy", "float32"));
      mlp.fit(split.train(), Training.with(NnBenchmark.sgd(0.1, 0)).withEpochs(2).withSeed(5));
      double[] scores = mlp.scores(split.test().features()).castTo(DataType.DOUBLE).data().asDouble();
      if (first == null) {
        first = scores;
      } else {
        assertArrayEquals(first, scores, 0);
      }
    }
  }

  @Test
  void badInputFailsWithOneLine() {
    Dataset.Split split = digits();
    Mlp mlp = new Mlp(MlpOptions.defaults());
    assertEquals("mlp is not fitted: call fit(data) first",
        assertThrows(KilnException.class, () -> mlp.predict(Nd4j.zeros(2, 64))).getMessage());
    mlp.fit(split.train(), Training.with(NnBenchmark.sgd(0.1, 0)).withEpochs(1));
    assertEquals("mlp was built for 64 features, x has shape [3, 63]; pass a matrix [n, 64]",
        assertThrows(KilnException.class, () -> mlp.predict(Nd4j.zeros(3, 63))).getMessage());
    INDArray missing = Nd4j.zeros(2, 64);
    missing.putScalar(1, 5, Double.NaN);
    assertEquals("feature at row 1, column 5 is NaN: drop or impute rows with missing values first",
        assertThrows(KilnException.class, () -> mlp.predictProba(missing)).getMessage());
    assertEquals("crossEntropy: label 10 is out of range for 10 classes; labels must be class indices 0..9",
        assertThrows(KilnException.class, () -> mlp.lossAndGradient(new Batch(Nd4j.zeros(DataType.FLOAT, 2, 64),
            Nd4j.createFromArray(1.0, 10.0)))).getMessage());
    assertEquals("mlp: an empty batch has no loss; pass at least one row",
        assertThrows(KilnException.class, () -> mlp.lossAndGradient(new Batch(Nd4j.zeros(DataType.FLOAT, 0, 64),
            Nd4j.zeros(DataType.FLOAT, 0)))).getMessage());
    assertEquals("mlp: the training data has no rows; pass at least one", assertThrows(KilnException.class,
        () -> mlp.fit(Dataset.of(Nd4j.zeros(0, 64), Nd4j.zeros(0)), Training.with(NnBenchmark.sgd(0.1, 0))))
        .getMessage());
  }

  @Test
  void aDivergingLossStopsWithTheEpochBatchAndAHint() {
    Dataset data = Dataset.of(Nd4j.linspace(-50, 50, 200, DataType.DOUBLE).reshape(100, 2),
        Nd4j.linspace(-1e4, 1e4, 100, DataType.DOUBLE));
    Mlp mlp = new Mlp(new MlpOptions(List.of(8), "relu", 0, "mse", "float32"));
    KilnException error = assertThrows(KilnException.class,
        () -> mlp.fit(data, Training.with(NnBenchmark.sgd(10, 0)).withEpochs(50).withBatchSize(10)));
    assertTrue(error.getMessage().matches("(loss became (NaN|Infinity) at epoch \\d+, batch \\d+: training diverged; "
        + "lower the learning rate or scale the features|sgd: the gradient of parameter '.*' contains NaN at step "
        + "\\d+; check the model's inputs for NaN and lower the learning rate.*)"), error.getMessage());
  }
}
