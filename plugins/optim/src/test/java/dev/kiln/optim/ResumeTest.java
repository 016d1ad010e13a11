package dev.kiln.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.KilnException;
import dev.kiln.api.Optimizer;
import dev.kiln.api.train.OptimizerState;
import dev.kiln.api.train.Parameter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Saving and restoring optimizer state: 30 steps, a snapshot, a fresh optimizer restored from it and 40 more
 * steps give bit for bit the parameters of 70 uninterrupted steps, for every optimizer with the options that
 * keep the most state (momentum buffers, AMSGrad maxima, centred averages, schedules).
 */
class ResumeTest {
  static final List<Configured> CASES = List.of(
      new Configured(new Sgd.Plugin(), Map.of("lr", 0.02, "momentum", 0.9, "nesterov", true, "weightDecay", 0.01)),
      new Configured(new Adagrad.Plugin(), Map.of("lr", 0.1, "lrDecay", 0.01, "initialAccumulator", 0.1)),
      new Configured(new Adadelta.Plugin(), Map.of("weightDecay", 0.01)),
      new Configured(new RmsProp.Plugin(), Map.of("lr", 0.002, "momentum", 0.7, "centered", true)),
      new Configured(new Adam.Plugin(), Map.of("lr", 0.01, "amsgrad", true, "schedule", "cosine", "tMax", 50,
          "warmupSteps", 10, "clipNorm", 0.5)),
      new Configured(new AdamW.Plugin(), Map.of("lr", 0.01, "schedule", "step", "stepSize", 20, "gamma", 0.5)));

  static void run(Optimizer optimizer, Problem problem, int steps) {
    for (int i = 0; i < steps; i++) {
      problem.computeGradients();
      optimizer.step(problem.parameters());
    }
  }

  @TestFactory
  Stream<DynamicTest> resumingGivesTheUninterruptedTrajectory() {
    return CASES.stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
      Problem straight = TwoLayerNet.reference(DataType.FLOAT);
      run(c.create(), straight, 70);

      Problem resumed = TwoLayerNet.reference(DataType.FLOAT);
      Optimizer first = c.create();
      run(first, resumed, 30);
      OptimizerState saved = first.state();
      double rate = first.learningRate().orElseThrow();
      Map<String, INDArray> copies = new HashMap<>();
      saved.tensors().forEach((name, t) -> copies.put(name, t.dup()));
      run(first, TwoLayerNet.reference(DataType.FLOAT), 5);   // the old optimizer goes on elsewhere
      saved.tensors().forEach((name, t) -> assertEquals(copies.get(name), t, name + " changed after saving"));

      Optimizer second = c.create();
      second.restore(saved);
      assertEquals(rate, second.learningRate().orElseThrow(), 0.0, "the schedule resumes too");
      run(second, resumed, 40);
      assertArrayEquals(straight.flatValues(), resumed.flatValues(), 0.0);
      assertEquals(70.0, second.state().scalar("steps"));
    }));
  }

  @Test
  void stateNamesTensorsByParameterAndSlot() {
    Problem problem = new Quadratic(DataType.DOUBLE);
    Optimizer adam = new Configured(new Adam.Plugin(), Map.of("amsgrad", true)).create();
    run(adam, problem, 3);
    OptimizerState state = adam.state();
    assertEquals("adam", state.optimizer());
    assertEquals(List.of("M/exp_avg", "M/exp_avg_sq", "M/max_exp_avg_sq", "v/exp_avg", "v/exp_avg_sq",
        "v/max_exp_avg_sq"), List.copyOf(state.tensors().keySet()));
    assertEquals(Map.of("M/step", 3.0, "v/step", 3.0, "steps", 3.0, "skippedSteps", 0.0), state.scalars());
    assertArrayEquals(new long[] {2, 3}, state.tensors().get("M/exp_avg").shape());
  }

  @Test
  void restoresIntoTheSameOptimizerOnly() {
    Problem problem = new Quadratic(DataType.DOUBLE);
    Optimizer adam = new Configured(new Adam.Plugin(), Map.of()).create();
    run(adam, problem, 2);
    KilnException other = assertThrows(KilnException.class,
        () -> new Configured(new RmsProp.Plugin(), Map.of()).create().restore(adam.state()));
    assertEquals("rmsprop cannot restore the state of a 'adam' optimizer: resume it with a 'adam' optimizer",
        other.getMessage());
    KilnException malformed = assertThrows(KilnException.class, () -> new Configured(new Adam.Plugin(), Map.of())
        .create().restore(new OptimizerState("adam", Map.of("steps", 1.0, "skippedSteps", 0.0),
            Map.of("exp_avg", Nd4j.zeros(3)))));
    assertTrue(malformed.getMessage().contains("'exp_avg' is not named '<parameter>/<slot>'"),
        malformed.getMessage());
  }

  @Test
  void rejectsStateOfAnotherModel() {
    Optimizer adam = new Configured(new Adam.Plugin(), Map.of()).create();
    run(adam, new Quadratic(DataType.DOUBLE), 2);
    Optimizer fresh = new Configured(new Adam.Plugin(), Map.of()).create();
    fresh.restore(adam.state());
    TwoLayerNet net = TwoLayerNet.reference(DataType.DOUBLE);
    net.computeGradients();
    KilnException error = assertThrows(KilnException.class, () -> fresh.step(net.parameters()));
    assertTrue(error.getMessage().startsWith("adam: the restored state is for parameters [M, v] but the step got "
        + "[layer1.bias, layer1.weight, layer2.bias, layer2.weight]"), error.getMessage());

    Parameter wrongShape = new Parameter("v", Nd4j.zeros(DataType.DOUBLE, 3));
    Parameter m = new Parameter("M", Nd4j.zeros(DataType.DOUBLE, 2, 3));
    Optimizer restored = new Configured(new Adam.Plugin(), Map.of()).create();
    restored.restore(adam.state());
    KilnException shape = assertThrows(KilnException.class, () -> restored.step(List.of(wrongShape, m)));
    assertTrue(shape.getMessage().contains("parameter 'v' is [3] DOUBLE but the optimizer's state for it is [4] "
        + "(slot exp_avg)"), shape.getMessage());
  }

  @Test
  void restoresStateSavedInFloat64IntoAFloat32Model() {
    Problem wide = new Quadratic(DataType.DOUBLE);
    Optimizer adam = new Configured(new Adam.Plugin(), Map.of("lr", 0.01)).create();
    run(adam, wide, 10);
    Problem narrow = new Quadratic(DataType.FLOAT);
    for (int i = 0; i < 2; i++) {
      narrow.parameters().get(i).value().assign(wide.parameters().get(i).value());
    }
    Optimizer resumed = new Configured(new Adam.Plugin(), Map.of("lr", 0.01)).create();
    resumed.restore(adam.state());
    run(adam, wide, 10);
    run(resumed, narrow, 10);
    assertArrayEquals(wide.flatValues(), narrow.flatValues(), 1e-6);
  }
}
