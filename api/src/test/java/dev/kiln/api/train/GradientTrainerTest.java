package dev.kiln.api.train;

import static dev.kiln.api.Errors.expect;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.Optimizer;
import dev.kiln.api.data.Batch;
import dev.kiln.api.data.Dataset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class GradientTrainerTest {
  /**
   * Least squares {@code y ≈ x·w + b} with the mean squared error {@code L = mean((x·w + b - y)²)}, whose
   * gradients are {@code dL/dw = 2/n · xᵀ(x·w + b - y)} and {@code dL/db = 2 · mean(x·w + b - y)}.
   */
  static final class LinearModel implements GradientModel {
    final Parameter weight;
    final Parameter bias = new Parameter("bias", Nd4j.zeros(DataType.DOUBLE, 1, 1));
    int calls;

    LinearModel(int features) {
      weight = new Parameter("weight", Nd4j.zeros(DataType.DOUBLE, features, 1));
    }

    @Override
    public List<Parameter> parameters() {
      return List.of(weight, bias);
    }

    @Override
    public double lossAndGradient(Batch batch) {
      calls++;
      int n = batch.size();
      INDArray error = batch.features().mmul(weight.value()).addi(bias.value().getDouble(0))
          .subi(batch.labels().reshape(n, 1));
      weight.gradient().assign(batch.features().transpose().mmul(error).muli(2.0 / n));
      bias.gradient().assign(error.meanNumber().doubleValue() * 2);
      return error.mul(error).meanNumber().doubleValue();
    }

    @Override
    public Fit fit(Dataset train, Training how) {
      return GradientTrainer.train(this, train, how);
    }

    @Override
    public INDArray predict(INDArray x) {
      return x.mmul(weight.value()).addi(bias.value().getDouble(0)).reshape(x.size(0));
    }
  }

  /**
   * A model whose loss is whatever {@code loss} says for each call, with no parameters to speak of; a classifier
   * when {@code correct} says how many rows of each batch it gets right.
   */
  static final class ScriptedModel implements GradientModel {
    final Parameter p = new Parameter("p", Nd4j.zeros(DataType.DOUBLE, 1));
    final ToDoubleFunction<Batch> loss;
    final Function<Batch, OptionalInt> correct;
    final List<Integer> batchSizes = new ArrayList<>();
    OptionalInt lastCorrect = OptionalInt.empty();

    ScriptedModel(ToDoubleFunction<Batch> loss) {
      this(loss, b -> OptionalInt.empty());
    }

    ScriptedModel(ToDoubleFunction<Batch> loss, Function<Batch, OptionalInt> correct) {
      this.loss = loss;
      this.correct = correct;
    }

    @Override
    public List<Parameter> parameters() {
      return List.of(p);
    }

    @Override
    public double lossAndGradient(Batch batch) {
      batchSizes.add(batch.size());
      lastCorrect = correct.apply(batch);
      return loss.applyAsDouble(batch);
    }

    @Override
    public OptionalInt lastBatchCorrect() {
      return lastCorrect;
    }

    @Override
    public Fit fit(Dataset train, Training how) {
      return GradientTrainer.train(this, train, how);
    }

    @Override
    public INDArray predict(INDArray x) {
      return x;
    }
  }

  /** Plain gradient descent {@code θ ← θ - lr · ∇θ}, counting its steps. */
  static final class Sgd implements Optimizer {
    final double lr;
    int steps;

    Sgd(double lr) {
      this.lr = lr;
    }

    @Override
    public void step(List<Parameter> parameters) {
      steps++;
      for (Parameter parameter : parameters) {
        parameter.value().subi(parameter.gradient().mul(lr));
      }
    }
  }

  /** Records every listener call as a string such as {@code "batch 1/3 of epoch 2/4"}. */
  static final class Recorder implements TrainingListener {
    final List<String> events = new ArrayList<>();
    final List<Progress> batches = new ArrayList<>();
    final List<Progress> epochs = new ArrayList<>();

    @Override
    public void onBatch(Progress p) {
      events.add("batch " + p.batch() + "/" + p.batches() + " of epoch " + p.epoch() + "/" + p.epochs());
      batches.add(p);
    }

    @Override
    public void onEpoch(Progress p) {
      events.add("epoch " + p.epoch());
      epochs.add(p);
    }

    @Override
    public void onEnd() {
      events.add("end");
    }
  }

  /** 64 rows of two features with {@code y = 3·x0 - 2·x1 + 0.5}. */
  private static Dataset line() {
    Random random = new Random(1);
    double[][] x = new double[64][2];
    double[] y = new double[64];
    for (int i = 0; i < 64; i++) {
      x[i][0] = random.nextGaussian();
      x[i][1] = random.nextGaussian();
      y[i] = 3 * x[i][0] - 2 * x[i][1] + 0.5;
    }
    return Dataset.of(Nd4j.createFromArray(x), Nd4j.createFromArray(y));
  }

  private static Dataset rows(int n) {
    return Dataset.of(Nd4j.zeros(DataType.DOUBLE, n, 1), Nd4j.zeros(DataType.DOUBLE, n));
  }

  @Test
  void trainsATinyModelWithATinyOptimizer() {
    LinearModel model = new LinearModel(2);
    Sgd sgd = new Sgd(0.1);
    Fit fit = model.fit(line(), Training.with(sgd).withEpochs(60).withBatchSize(16).withSeed(3));
    assertEquals(60, fit.epochs());
    assertEquals(60, fit.epochLosses().size());
    assertEquals(60 * 4, sgd.steps);
    assertEquals(fit.epochLosses().get(59), fit.finalLoss());
    assertTrue(fit.epochLosses().get(0) > 1, "starts far off: " + fit.epochLosses().get(0));
    assertTrue(fit.finalLoss() < 1e-6, "converges: " + fit.finalLoss());
    assertArrayEquals(new double[] {3, -2}, model.weight.value().reshape(2).toDoubleVector(), 1e-3);
    assertEquals(0.5, model.bias.value().getDouble(0), 1e-3);
    assertTrue(fit.wallTime().toNanos() > 0);
    double[] predicted = model.predict(Nd4j.createFromArray(new double[][] {{1, 1}})).toDoubleVector();
    assertArrayEquals(new double[] {1.5}, predicted, 1e-3);
  }

  @Test
  void theSameSeedGivesTheSameTraining() {
    double[][] weights = new double[3][];
    long[] seeds = {5, 5, 6};
    for (int run = 0; run < 3; run++) {
      LinearModel model = new LinearModel(2);
      model.fit(line(), Training.with(new Sgd(0.05)).withEpochs(2).withBatchSize(8).withSeed(seeds[run]));
      weights[run] = model.weight.value().reshape(2).toDoubleVector();
    }
    assertArrayEquals(weights[0], weights[1], 0);
    assertTrue(weights[0][0] != weights[2][0], "another seed, another batch order");
  }

  @Test
  void theEpochLossIsTheMeanOverRows() {
    ScriptedModel model = new ScriptedModel(Batch::size);
    Fit fit = model.fit(rows(10), Training.with(new Sgd(0)).withBatchSize(4).withShuffle(false));
    assertEquals(List.of(4, 4, 2), model.batchSizes);
    assertEquals((4 * 4 + 4 * 4 + 2 * 2) / 10.0, fit.finalLoss(), 1e-12);
  }

  @Test
  void aNonFiniteLossStopsWithEpochAndBatch() {
    int[] calls = {0};
    ScriptedModel model = new ScriptedModel(b -> ++calls[0] == 7 ? Double.NaN : 1.0);
    Recorder recorder = new Recorder();
    Sgd sgd = new Sgd(0.1);
    Training how = Training.with(sgd).withEpochs(5).withBatchSize(2).withListener(recorder);
    String message = expect(() -> model.fit(rows(6), how), "loss became NaN at epoch 3, batch 1",
        "lower the learning rate");
    assertTrue(message.contains("epoch 3, batch 1"), message);
    assertEquals(6, sgd.steps, "no step on the NaN batch");
    assertEquals("end", recorder.events.get(recorder.events.size() - 1), "listeners hear the end of a failure");

    ScriptedModel infinite = new ScriptedModel(b -> Double.POSITIVE_INFINITY);
    expect(() -> infinite.fit(rows(4), Training.with(new Sgd(1)).withBatchSize(2)),
        "loss became Infinity at epoch 1, batch 1");
  }

  @Test
  void cancellationStopsBetweenBatches() {
    Cancellation cancellation = new Cancellation();
    ScriptedModel model = new ScriptedModel(b -> 1.0);
    Recorder recorder = new Recorder();
    TrainingListener canceller = new TrainingListener() {
      @Override
      public void onBatch(Progress p) {
        if (p.epoch() == 2 && p.batch() == 2) {
          cancellation.cancel();
        }
      }
    };
    Sgd sgd = new Sgd(0.1);
    Training how = Training.with(sgd).withEpochs(10).withBatchSize(1).withCancellation(cancellation)
        .withListener(canceller).withListener(recorder);
    String message = expect(CancelledException.class, () -> model.fit(rows(5), how));
    assertEquals("cancelled", message);
    assertEquals(5 + 2, model.batchSizes.size(), "the batch in progress finished, no other started");
    assertEquals(7, sgd.steps);
    assertEquals(List.of("epoch 1"), recorder.events.stream().filter(e -> e.startsWith("epoch")).toList());
    assertEquals("end", recorder.events.get(recorder.events.size() - 1));
    assertTrue(cancellation.isCancelled());

    ScriptedModel untouched = new ScriptedModel(b -> 1.0);
    expect(CancelledException.class, () -> untouched.fit(rows(3), how.withListener(new Recorder())));
    assertEquals(List.of(), untouched.batchSizes, "a cancelled flag stops before the first batch");
  }

  @Test
  void listenersHearBatchesEpochsAndTheEnd() {
    Recorder recorder = new Recorder();
    ScriptedModel model = new ScriptedModel(b -> 2.0);
    model.fit(rows(5), Training.with(new Sgd(0.1)).withEpochs(2).withBatchSize(2).withListener(recorder));
    assertEquals(List.of(
        "batch 1/3 of epoch 1/2", "batch 2/3 of epoch 1/2", "batch 3/3 of epoch 1/2", "epoch 1",
        "batch 1/3 of epoch 2/2", "batch 2/3 of epoch 2/2", "batch 3/3 of epoch 2/2", "epoch 2", "end"),
        recorder.events);
    assertEquals(new Progress(2, 2, 3, 3, 2.0, Double.NaN), recorder.epochs.get(1));
  }

  @Test
  void aClassifierReportsItsRunningAccuracyWeightedByBatchSize() {
    int[] calls = {0};
    int[] right = {2, 1, 0, 2, 2, 1};
    ScriptedModel model = new ScriptedModel(b -> 1.0, b -> OptionalInt.of(right[calls[0]++]));
    Recorder recorder = new Recorder();
    Validation validation = new Validation(() -> 0.5, true, 0);
    Fit fit = model.fit(rows(5), Training.with(new Sgd(0)).withEpochs(2).withBatchSize(2).withShuffle(false)
        .withListener(recorder).withListener(validation));
    assertEquals(List.of(1.0, 0.75, 0.6, 1.0, 1.0, 1.0),
        recorder.batches.stream().map(Progress::accuracy).toList(), "2/2, 3/4, 3/5; then 2/2, 4/4, 5/5");
    assertEquals(new Progress(1, 2, 3, 3, 1.0, 0.6), recorder.epochs.get(0));
    assertEquals(List.of(0.6, 1.0), fit.epochAccuracies());
    assertTrue(recorder.epochs.get(1).hasAccuracy());
    assertEquals(List.of(new Validation.Epoch(1, 1.0, 0.6, 0.5), new Validation.Epoch(2, 1.0, 1.0, 0.5)),
        validation.history());
  }

  @Test
  void countCorrectComparesRowArgmaxesWithClassIndicesOrLabelRows() {
    INDArray scores = Nd4j.createFromArray(new double[][] {{0.1, 2, 0}, {3, 1, 2}, {0, 0, 5}, {1, 4, 2}});
    assertEquals(3, GradientModel.countCorrect(scores, Nd4j.createFromArray(1.0, 0, 2, 0)));
    INDArray oneHot = Nd4j.createFromArray(new float[][] {{0, 1, 0}, {1, 0, 0}, {0, 0, 1}, {1, 0, 0}});
    assertEquals(3, GradientModel.countCorrect(scores.castTo(DataType.FLOAT), oneHot));
    INDArray soft = Nd4j.createFromArray(new double[][] {{0.2, 0.7, 0.1}, {0.3, 0.6, 0.1}, {0, 0, 1}, {0, 1, 0}});
    assertEquals(3, GradientModel.countCorrect(scores, soft), "the highest probability is the class");
  }

  @Test
  void aModelThatDoesNotClassifyReportsNoAccuracy() {
    Recorder recorder = new Recorder();
    Validation validation = new Validation(() -> 0.5, true, 0);
    Fit fit = new LinearModel(2).fit(line(), Training.with(new Sgd(0.1)).withEpochs(2).withBatchSize(16)
        .withListener(recorder).withListener(validation));
    assertEquals(List.of(), fit.epochAccuracies());
    assertTrue(recorder.batches.stream().noneMatch(Progress::hasAccuracy), recorder.batches.toString());
    assertTrue(Double.isNaN(recorder.epochs.get(1).accuracy()));
    assertTrue(Double.isNaN(validation.history().get(1).trainAccuracy()));
    assertEquals(List.of(), new Fit(0, List.of(), 0.0, fit.wallTime()).epochAccuracies(),
        "closed-form solvers report no accuracy");
  }

  @Test
  void blasRunsOnOneThreadDuringTrainingAndAsBeforeAfterIt() {
    Nd4j.factory().blas().setMaxThreads(2);
    List<Integer> during = new ArrayList<>();
    ScriptedModel model = new ScriptedModel(b -> {
      during.add(Nd4j.factory().blas().getMaxThreads());
      return 1.0;
    });
    model.fit(rows(6), Training.with(new Sgd(0)).withBatchSize(3).withEpochs(2));
    assertEquals(List.of(1, 1, 1, 1), during);
    assertEquals(2, Nd4j.factory().blas().getMaxThreads());
    expect(() -> new ScriptedModel(b -> Double.NaN).fit(rows(6), Training.with(new Sgd(0))), "loss became NaN");
    assertEquals(2, Nd4j.factory().blas().getMaxThreads(), "restored after a failed training too");
  }

  @Test
  void nonFiniteFeaturesStopTrainingBeforeTheFirstStep() {
    int[] calls = {0};
    ScriptedModel model = new ScriptedModel(b -> ++calls[0]);
    Dataset data = Dataset.of(Nd4j.createFromArray(new double[][] {{1}, {Double.POSITIVE_INFINITY}}),
        Nd4j.createFromArray(1.0, 2.0));
    expect(() -> model.fit(data, Training.with(new Sgd(0.1))), "feature at row 1, column 0 is Infinity");
    assertEquals(0, calls[0]);
  }

  @Test
  void validationStopsEarlyOnceTheScoreStopsImproving() {
    ScriptedModel model = new ScriptedModel(b -> 1.0);
    double[] scores = {0.5, 0.7, 0.6, 0.65, 0.69, 0.9};
    int[] epoch = {0};
    Validation validation = new Validation(() -> scores[epoch[0]++], true, 3);
    Fit fit = model.fit(rows(4), Training.with(new Sgd(0.1)).withEpochs(6).withBatchSize(2).withListener(validation));
    assertEquals(5, fit.epochs(), "stops after three epochs without beating 0.7");
    assertEquals(5, validation.history().size());
    assertEquals(0.7, validation.best());
    Validation never = new Validation(() -> 1.0, false, 0);
    assertEquals(4, model.fit(rows(4), Training.with(new Sgd(0.1)).withEpochs(4).withListener(never)).epochs());
  }

  @Test
  void gradientTrainingNeedsAnOptimizer() {
    ScriptedModel model = new ScriptedModel(b -> 1.0);
    expect(() -> model.fit(rows(2), Training.defaults()), "gradient training needs an optimizer");
    assertEquals(List.of(), model.batchSizes);
  }

  @Test
  void trainingSettingsAreValidated() {
    Training defaults = Training.defaults();
    assertEquals(1, defaults.epochs());
    assertEquals(32, defaults.batchSize());
    assertTrue(defaults.shuffle());
    assertTrue(defaults.optimizerIfAny().isEmpty());
    expect(() -> defaults.withEpochs(0), "epochs = 0 must be at least 1");
    expect(() -> defaults.withBatchSize(-1), "batchSize = -1 must be at least 1");
    Training two = defaults.withListener(new Recorder()).withListener(new Recorder());
    assertEquals(2, two.listeners().size());
    assertEquals(0, defaults.listeners().size(), "copies");
  }

  @Test
  void parametersKeepValueAndGradientShapesEqual() {
    Parameter p = new Parameter("w", Nd4j.ones(DataType.DOUBLE, 2, 3));
    assertArrayEquals(new long[] {2, 3}, p.gradient().shape());
    assertEquals(0, p.gradient().sumNumber().doubleValue());
    assertEquals("Parameter[w [2, 3]]", p.toString());
    expect(() -> new Parameter("w", Nd4j.ones(DataType.DOUBLE, 2, 3), Nd4j.ones(DataType.DOUBLE, 3, 2)),
        "parameter 'w': gradient shape [3, 2] differs from value shape [2, 3]");
  }
}
