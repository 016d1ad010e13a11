package dev.kiln.optim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.data.Batch;
import dev.kiln.api.data.Dataset;
import dev.kiln.api.train.Fit;
import dev.kiln.api.train.GradientModel;
import dev.kiln.api.train.GradientTrainer;
import dev.kiln.api.train.Parameter;
import dev.kiln.api.train.Training;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.nd4j.linalg.api.blas.Level1;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Seed 004's experiment with every optimizer: learn {@code y = 2x + 1} from integers {@code x} in [0, 100)
 * with a line {@code y = wx + b} from {@code w = b = 0} under the squared error, trained through
 * {@link GradientTrainer} on the samples in order, as the seed does. The seed runs per-sample SGD at rate
 * 1e-4 for 10 epochs of 10,000 samples (w = 2.000, b = 0.993, held-out MSE 1.4e-5); here 1,000 samples in
 * batches of 10, with a learning rate and epoch count per optimizer (the table), must bring the mean squared
 * error on 100 held-out samples below 1e-3. The loss's curvature along the slope is ~13,000 times that along
 * the intercept's valley, so plain SGD needs tens of thousands of steps where the adaptive methods need 2,000.
 */
class ConvergenceTest {
  /**
   * The line and its squared-error gradient, ∂L/∂w = (2/m) Σ r x, ∂L/∂b = (2/m) Σ r with r = wx + b − y, in
   * BLAS level-1 calls on the batch's views.
   */
  static final class Line implements GradientModel {
    final Parameter weight = new Parameter("weight", Nd4j.zeros(DataType.DOUBLE, 1, 1));
    final Parameter bias = new Parameter("bias", Nd4j.zeros(DataType.DOUBLE, 1));

    @Override
    public List<Parameter> parameters() {
      return List.of(weight, bias);
    }

    @Override
    public double lossAndGradient(Batch batch) {
      int m = batch.size();
      INDArray x = batch.features().reshape(m);
      INDArray ones = Nd4j.ones(DataType.DOUBLE, m);
      INDArray r = batch.labels().dup();
      Level1 blas = Nd4j.getBlasWrapper().level1();
      blas.scal(m, -1.0, r);
      blas.axpy(m, weight.value().getDouble(0), x, r);
      blas.axpy(m, bias.value().getDouble(0), ones, r);
      weight.gradient().putScalar(0, 0, 2.0 / m * blas.dot(m, 1.0, r, x));
      bias.gradient().putScalar(0, 2.0 / m * blas.dot(m, 1.0, r, ones));
      return blas.dot(m, 1.0, r, r) / m;
    }

    @Override
    public Fit fit(Dataset train, Training how) {
      return GradientTrainer.train(this, train, how);
    }

    @Override
    public INDArray predict(INDArray x) {
      return x.mmul(weight.value()).reshape(x.rows()).addi(bias.value().getDouble(0));
    }
  }

  /** {@code n} seeded samples of the seed's line, x an integer in [0, 100). */
  static Dataset samples(int n, long seed) {
    Random random = new Random(seed);
    double[][] x = new double[n][1];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i][0] = random.nextInt(100);
      y[i] = 2 * x[i][0] + 1;
    }
    return Dataset.of(Nd4j.createFromArray(x), Nd4j.createFromArray(y));
  }

  record Row(Configured optimizer, int batch, int epochs) {}

  // optimizer and options, batch size, epochs; the held-out MSE each reached when the table was made
  static final List<Row> TABLE = List.of(
      new Row(sgd(Map.of("lr", 1.5e-4)), 10, 450),                                                       // 3.6e-4
      new Row(sgd(Map.of("lr", 1e-4, "momentum", 0.9)), 10, 80),                                         // 7.5e-5
      new Row(sgd(Map.of("lr", 1e-4, "momentum", 0.9, "nesterov", true)), 10, 80),                       // 1.0e-4
      new Row(new Configured(new Adagrad.Plugin(), Map.of("lr", 3.0)), 10, 20),                          // 6e-13
      new Row(new Configured(new Adadelta.Plugin(), Map.of("lr", 20.0, "schedule", "cosine", "tMax", 3000)),
          10, 30),                                                                                        // 1e-7
      new Row(new Configured(new RmsProp.Plugin(), Map.of("lr", 0.05, "schedule", "cosine", "tMax", 2000)),
          10, 20),                                                                                        // 1e-7
      new Row(new Configured(new Adam.Plugin(), Map.of("lr", 0.5, "schedule", "cosine", "tMax", 2000)),
          10, 20),                                                                                        // 4e-19
      new Row(new Configured(new AdamW.Plugin(), Map.of("lr", 0.5, "weightDecay", 1e-3, "schedule", "cosine",
          "tMax", 2000)), 10, 20));                                                                       // 7.0e-5

  private static Configured sgd(Map<String, ?> options) {
    return new Configured(new Sgd.Plugin(), options);
  }

  @TestFactory
  Stream<DynamicTest> everyOptimizerLearnsTheSeedsLine() {
    Dataset train = samples(1000, 4);
    Dataset held = samples(100, 5);
    return TABLE.stream().map(row -> DynamicTest.dynamicTest(row.optimizer() + ", batches of " + row.batch()
        + ", " + row.epochs() + " epochs", () -> {
          Line line = new Line();
          line.fit(train, Training.with(row.optimizer().create()).withEpochs(row.epochs())
              .withBatchSize(row.batch()).withShuffle(false));
          double w = line.weight.value().getDouble(0);
          double b = line.bias.value().getDouble(0);
          INDArray error = line.predict(held.features()).subi(held.labels());
          double mse = error.mul(error).meanNumber().doubleValue();
          assertTrue(mse < 1e-3,
              "w = " + w + ", b = " + b + ", held-out MSE = " + mse);
        }));
  }
}
