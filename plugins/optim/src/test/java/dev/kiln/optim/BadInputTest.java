package dev.kiln.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.KilnException;
import dev.kiln.api.Optimizer;
import dev.kiln.api.OptimizerProvider;
import dev.kiln.api.train.Parameter;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Bad options and bad gradients give one-line errors that name the value and the fix. */
class BadInputTest {
  static final List<OptimizerProvider> PLUGINS = List.of(new Sgd.Plugin(), new Adagrad.Plugin(),
      new Adadelta.Plugin(), new RmsProp.Plugin(), new Adam.Plugin(), new AdamW.Plugin());

  static KilnException error(Executable bad) {
    KilnException e = assertThrows(KilnException.class, bad);
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    return e;
  }

  @TestFactory
  Stream<DynamicTest> everyOptimizerRejectsABadLearningRate() {
    return PLUGINS.stream().map(p -> DynamicTest.dynamicTest(p.name(), () -> {
      assertEquals("option 'lr' = -0.1 is out of range: must be > 0",
          error(() -> p.schema().parse(Map.of("lr", -0.1))).getMessage());
      assertEquals("option 'lr' = NaN is not a finite number: give a finite number > 0",
          error(() -> p.schema().parse(Map.of("lr", Double.NaN))).getMessage());
      assertEquals("option 'lr' = 0.0 is out of range: must be > 0",
          error(() -> p.schema().parse(Map.of("lr", 0))).getMessage());
    }));
  }

  @TestFactory
  Stream<DynamicTest> everyOptimizerRejectsANanGradientNamingTheParameterBeforeChangingAnything() {
    return PLUGINS.stream().map(p -> DynamicTest.dynamicTest(p.name(), () -> {
      TwoLayerNet net = TwoLayerNet.reference(DataType.FLOAT);
      net.computeGradients();
      double[] before = net.flatValues();
      net.parameters().get(2).gradient().putScalar(3, 1, Float.NaN);
      KilnException e = error(() -> new Configured(p, Map.of()).create().step(net.parameters()));
      assertEquals(p.name() + ": the gradient of parameter 'layer2.weight' contains NaN at step 1; check the "
          + "model's inputs for NaN and lower the learning rate, or pass {skipNanSteps: true} to skip such steps",
          e.getMessage());
      assertArrayEquals(before, net.flatValues(), 0.0, "no parameter changes on a bad step");
    }));
  }

  @Test
  void skipsNanStepsWhenAsked() {
    TwoLayerNet net = TwoLayerNet.reference(DataType.DOUBLE);
    TwoLayerNet twin = TwoLayerNet.reference(DataType.DOUBLE);
    Optimizer skipping = new Configured(new Adam.Plugin(), Map.of("lr", 0.01, "skipNanSteps", true)).create();
    Optimizer plain = new Configured(new Adam.Plugin(), Map.of("lr", 0.01)).create();
    double[] before = net.flatValues();
    net.computeGradients();
    net.parameters().get(0).gradient().putScalar(0, 0, Double.NaN);
    skipping.step(net.parameters());
    assertArrayEquals(before, net.flatValues(), 0.0, "a skipped step changes nothing");
    assertEquals(0.0, skipping.state().scalar("steps"));
    assertEquals(1.0, skipping.state().scalar("skippedSteps"));
    for (int i = 0; i < 5; i++) {
      net.computeGradients();
      skipping.step(net.parameters());
      twin.computeGradients();
      plain.step(twin.parameters());
    }
    assertArrayEquals(twin.flatValues(), net.flatValues(), 0.0, "later steps are as if the bad one never came");
  }

  @Test
  void findsNanInStridedAndHalfPrecisionGradients() {
    Parameter view = new Parameter("view", Nd4j.zeros(DataType.DOUBLE, 4, 4).get(NDArrayIndex.interval(0, 2),
        NDArrayIndex.interval(1, 3)));
    view.gradient().putScalar(1, 1, Double.NaN);
    assertTrue(error(() -> new Sgd(SgdOptions.of(0.1)).step(List.of(view))).getMessage().contains("'view'"));
    Parameter half = new Parameter("half", Nd4j.zeros(DataType.HALF, 3));
    half.gradient().putScalar(2, Double.NaN);
    assertTrue(error(() -> new Sgd(SgdOptions.of(0.1)).step(List.of(half))).getMessage().contains("'half'"));
  }

  @Test
  void rejectsBetasOutsideTheUnitInterval() {
    assertEquals("option 'beta1' = 1.0 is out of range: must be in [0, 1)",
        error(() -> AdamOptions.SCHEMA.parse(Map.of("beta1", 1))).getMessage());
    assertEquals("option 'beta2' = 1.0 is out of range: must be in [0, 1)",
        error(() -> AdamOptions.DECOUPLED_SCHEMA.parse(Map.of("beta2", 1.0))).getMessage());
    assertEquals("option 'beta2' = 1.5 is out of range: must be in [0, 1)",
        error(() -> AdamOptions.SCHEMA.parse(Map.of("beta2", 1.5))).getMessage());
    assertEquals("option 'beta1' = -0.1 is out of range: must be in [0, 1)",
        error(() -> new AdamOptions(1e-3, -0.1, 0.999, 1e-8, 0, false, false)).getMessage());
    assertEquals("option 'beta1' = 1.0 is out of range: must be in [0, 1)",
        error(() -> new AdamOptions(1e-3, 1.0, 0.999, 1e-8, 0, false, false)).getMessage());
    assertEquals("option 'beta1' = NaN is not a finite number: give a finite number in [0, 1)",
        error(() -> new AdamOptions(1e-3, Double.NaN, 0.999, 1e-8, 0, false, false)).getMessage());
  }

  @Test
  void rejectsInfiniteOptions() {
    assertEquals("option 'lr' = Infinity is not a finite number: give a finite number > 0",
        error(() -> SgdOptions.SCHEMA.parse(Map.of("lr", Double.POSITIVE_INFINITY))).getMessage());
    assertEquals("option 'weightDecay' = -Infinity is not a finite number: give a finite number >= 0",
        error(() -> SgdOptions.SCHEMA.parse(Map.of("weightDecay", Double.NEGATIVE_INFINITY))).getMessage());
  }

  @Test
  void rejectsAGradientShapedUnlikeItsValue() {
    assertEquals("parameter 'layer1.weight': gradient shape [5, 3] differs from value shape [3, 5]",
        error(() -> new Parameter("layer1.weight", Nd4j.zeros(3, 5), Nd4j.zeros(5, 3))).getMessage());
  }

  @Test
  void rejectsAParameterWhoseShapeChangedUnderTheSameName() {
    Optimizer adam = new Configured(new Adam.Plugin(), Map.of()).create();
    Parameter first = new Parameter("w", Nd4j.ones(DataType.FLOAT, 2, 3));
    adam.step(List.of(first));
    Parameter second = new Parameter("w", Nd4j.ones(DataType.FLOAT, 3, 2));
    assertEquals("adam: parameter 'w' is [3, 2] FLOAT but the optimizer's state for it is [2, 3] FLOAT; use one "
        + "optimizer per model and restore state saved from the same model",
        error(() -> adam.step(List.of(second))).getMessage());
    assertTrue(error(() -> adam.step(List.of(first, new Parameter("w", Nd4j.ones(DataType.FLOAT, 2, 3)))))
        .getMessage().startsWith("adam: two parameters are named 'w'"));
  }

  @Test
  void rejectsIncompleteSchedules() {
    Map<String, Object> step = Map.of("schedule", "step");
    assertEquals("schedule 'step' needs stepSize >= 1 (optimizer steps between decays), got 0; pass e.g. "
        + "{schedule: 'step', stepSize: 100, gamma: 0.5}", error(() -> StepOptions.from(
            SgdOptions.SCHEMA.parse(step))).getMessage());
    assertTrue(error(() -> StepOptions.from(AdamOptions.SCHEMA.parse(Map.of("schedule", "cosine"))))
        .getMessage().startsWith("schedule 'cosine' needs tMax >= 1"));
    assertEquals("option 'schedule' = 'cosin' is not valid: use one of constant, step, exponential, cosine "
        + "(did you mean 'cosine'?)", error(() -> AdamOptions.SCHEMA.parse(Map.of("schedule", "cosin")))
        .getMessage());
    assertEquals("option 'warmupStart' = 0.0 is out of range: must be in (0, 1]",
        error(() -> AdamOptions.SCHEMA.parse(Map.of("warmupStart", 0))).getMessage());
    assertEquals("option 'clipNorm' = -1.0 is out of range: must be >= 0",
        error(() -> AdamOptions.SCHEMA.parse(Map.of("clipNorm", -1))).getMessage());
  }
}
