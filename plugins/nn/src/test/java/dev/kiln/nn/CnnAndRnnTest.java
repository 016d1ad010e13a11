package dev.kiln.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.KilnException;
import dev.kiln.api.data.Batch;
import dev.kiln.api.data.Dataset;
import dev.kiln.api.train.Parameter;
import dev.kiln.api.train.Training;
import dev.kiln.autograd.Inputs;
import dev.kiln.autograd.ParameterCheck;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** The cnn and rnn models: gradients of whole networks, learning digits, and bad options. */
class CnnAndRnnTest {
  static CnnOptions smallCnn(boolean batchNorm, String dtype) {
    return new CnnOptions(List.of(1, 8, 8), List.of(2, 3), 3, List.of(1), 2, "max", List.of(6), "tanh", 0,
        batchNorm, "cross-entropy", dtype);
  }

  @Test
  void cnnGradientsMatchCentralDifferencesInFloat64() {
    Batch batch = new Batch(Inputs.uniform(101, 4, 64), Nd4j.createFromArray(0.0, 2, 1, 2));
    for (boolean batchNorm : new boolean[] {false, true}) {
      Cnn cnn = new Cnn(smallCnn(batchNorm, "float64"));
      cnn.build(64, 3, 5);
      // batch norm subtracts each channel's mean, so the bias of the convolution before it has gradient 0
      // exactly, where a relative error compares two round-off values: check those for 0 instead
      List<Parameter> cancelled = cnn.parameters().stream()
          .filter(p -> batchNorm && (p.name().equals("1.bias") || p.name().equals("5.bias"))).toList();
      cnn.lossAndGradient(batch);
      for (Parameter p : cancelled) {
        assertTrue(p.gradient().amaxNumber().doubleValue() < 1e-12, p.name() + ": " + p.gradient());
      }
      List<Parameter> rest = cnn.parameters().stream().filter(p -> !cancelled.contains(p)).toList();
      double error = ParameterCheck.maxRelativeError(cnn, rest, batch, 1e-5);
      assertTrue(error < 1e-6, "batchNorm " + batchNorm + ": max relative error " + error);
    }
  }

  @Test
  void rnnGradientsMatchCentralDifferencesInFloat64() {
    RnnModel rnn = new RnnModel(new RnnOptions(2, 5, 2, 0, "cross-entropy", "float64"));
    rnn.build(8, 3, 4);
    double error = ParameterCheck.maxRelativeError(rnn, new Batch(Inputs.uniform(102, 3, 8),
        Nd4j.createFromArray(2.0, 0, 1)), 1e-5);
    assertTrue(error < 1e-6, "max relative error " + error);
  }

  @Test
  void aSmallCnnLearnsDigits() {
    Dataset.Split split = MlpTest.digits();
    Cnn cnn = new Cnn(new CnnOptions(List.of(1, 8, 8), List.of(8), 3, List.of(1), 2, "max", List.of(32), "relu", 0,
        true, "cross-entropy", "float32"));
    cnn.fit(split.train(), Training.with(NnBenchmark.sgd(0.05, 0.9)).withEpochs(8)
        .withBatchSize(32).withSeed(3));
    double accuracy = MlpTest.accuracy(split.test().labels(), cnn.predict(split.test().features()));
    assertTrue(accuracy >= 0.95, "test accuracy " + accuracy);
  }

  @Test
  void anRnnReadingImageRowsAsStepsLearnsDigits() {
    Dataset.Split split = MlpTest.digits();
    RnnModel rnn = new RnnModel(new RnnOptions(8, 48, 1, 0, "cross-entropy", "float32"));
    rnn.fit(split.train(), Training.with(NnBenchmark.sgd(0.05, 0.9)).withEpochs(25)
        .withBatchSize(32).withSeed(4));
    double accuracy = MlpTest.accuracy(split.test().labels(), rnn.predict(split.test().features()));
    assertTrue(accuracy >= 0.9, "test accuracy " + accuracy);
  }

  @Test
  void shapesThatDoNotFitAreNamed() {
    Dataset.Split split = MlpTest.digits();
    Training one = Training.with(NnBenchmark.sgd(0.1, 0));
    assertEquals("cnn: input [1, 28, 28] holds 784 values but the data rows have 64 features; set {input: "
        + "[channels, height, width]}", assertThrows(KilnException.class,
            () -> new Cnn(CnnOptions.defaults()).fit(split.train(), one)).getMessage());
    assertEquals("cnn: [1, 8, 8] images shrink to nothing after convolution 2; use fewer convolutions, more padding "
        + "or a smaller kernel or pool", assertThrows(KilnException.class, () -> new Cnn(new CnnOptions(
            List.of(1, 8, 8), List.of(4, 4), 5, List.of(0), 2, "max", List.of(), "relu", 0, false, "cross-entropy",
            "float32")).fit(split.train(), one)).getMessage());
    assertEquals("rnn: rows of 64 features do not split into steps of inputSize 5; set {inputSize: ...} to a divisor "
        + "of 64", assertThrows(KilnException.class, () -> new RnnModel(new RnnOptions(5, 8, 1, 0, "cross-entropy",
            "float32")).fit(split.train(), one)).getMessage());
    assertEquals("cnn: padding [1, 2, 3] needs one value or one per convolution (2)", assertThrows(
        KilnException.class, () -> new CnnOptions(List.of(1, 8, 8), List.of(4, 4), 3, List.of(1, 2, 3), 2, "max",
            List.of(), "relu", 0, false, "cross-entropy", "float32")).getMessage());
    assertEquals("cnn: filters is empty; give the output channels of at least one convolution, such as [6, 16] (for "
        + "no convolutions use mlp)", assertThrows(KilnException.class, () -> new CnnOptions(List.of(1, 8, 8),
        List.of(), 3, List.of(2, 0), 2, "max", List.of(), "relu", 0, false, "cross-entropy", "float32")).getMessage());
  }
}
