package dev.kiln.optim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.OptimizerProvider;
import dev.kiln.api.data.Batch;
import dev.kiln.api.data.Dataset;
import dev.kiln.api.train.Fit;
import dev.kiln.api.train.GradientModel;
import dev.kiln.api.train.Parameter;
import dev.kiln.api.train.Training;
import dev.kiln.testkit.GradientCheck;
import java.util.List;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The test network's hand-written backward pass, and every optimizer plugin training it. */
class TwoLayerNetTest {
  /**
   * Checked one parameter at a time: {@link GradientCheck} reads each later parameter's analytic gradient
   * after evaluating the loss at the previous parameter's last perturbed value, so only the first parameter it
   * sees is checked at the unperturbed point.
   */
  @Test
  void backwardPassMatchesCentralDifferences() {
    TwoLayerNet net = TwoLayerNet.reference(DataType.DOUBLE);
    Batch all = new Batch(net.dataset().features(), net.dataset().labels());
    for (Parameter parameter : net.parameters()) {
      double error = GradientCheck.maxRelativeError(new GradientModel() {
        @Override
        public List<Parameter> parameters() {
          return List.of(parameter);
        }

        @Override
        public double lossAndGradient(Batch batch) {
          return net.lossAndGradient(batch);
        }

        @Override
        public Fit fit(Dataset train, Training how) {
          return net.fit(train, how);
        }

        @Override
        public INDArray predict(INDArray x) {
          return net.predict(x);
        }
      }, all, 1e-6);
      assertTrue(error < 1e-7, parameter.name() + ": max relative error " + error);
    }
  }

  /** Through {@link dev.kiln.api.train.GradientTrainer} and the parameter list alone, with each default. */
  @TestFactory
  Stream<DynamicTest> everyOptimizerPluginTrainsTheNetwork() {
    return ServiceLoader.load(OptimizerProvider.class).stream().map(ServiceLoader.Provider::get)
        .map(p -> DynamicTest.dynamicTest(p.name(), () -> {
          TwoLayerNet net = TwoLayerNet.reference(DataType.FLOAT);
          Fit fit = net.fit(net.dataset(), Training.with(new Configured(p, Map.of()).create()).withEpochs(100)
              .withBatchSize(4).withSeed(1));
          double first = fit.epochLosses().get(0);
          assertTrue(fit.finalLoss() < 0.9 * first, "loss " + first + " -> " + fit.finalLoss());
        }));
  }
}
