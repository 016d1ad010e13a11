package dev.kiln.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.KilnException;
import dev.kiln.autograd.FunctionModel;
import dev.kiln.autograd.Inputs;
import dev.kiln.autograd.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Convolution, pooling and batch normalisation against PyTorch 1.13 (tools/reference/torch_nn.py, float32:
 * outputs, input and parameter gradients, running statistics, to 1e-5) and central differences in float64.
 */
class ConvolutionTest {
  static final Map<String, int[]> CONVOLUTIONS = Map.of(      // stride, padding, dilation
      "conv_lenet1", new int[] {1, 2, 1}, "conv_strided", new int[] {2, 1, 1}, "conv_dilated", new int[] {1, 2, 2});

  @Test
  void conv2dMatchesPyTorch() {
    CONVOLUTIONS.forEach((name, args) -> {
      TorchCase c = TorchCase.load(name);
      Conv2d conv = new Conv2d(c.get("weight"), c.get("bias"), args[0], args[1], args[2]);
      Tensor x = c.variable("x");
      c.backwardAndCheck(conv.forward(x, true));
      c.check("grad_x", x.grad());
      c.check("grad_weight", conv.parameters().get(0).gradient());
      c.check("grad_bias", conv.parameters().get(1).gradient());
    });
  }

  @Test
  void conv2dOnDataGivesTheWeightGradientsOfPyTorch() {
    for (String name : new String[] {"conv_lenet1", "conv_strided"}) {
      TorchCase c = TorchCase.load(name);
      int[] args = CONVOLUTIONS.get(name);
      Conv2d conv = new Conv2d(c.get("weight"), c.get("bias"), args[0], args[1], args[2]);
      c.backwardAndCheck(conv.forward(Tensor.constant(c.get("x")), true));
      c.check("grad_weight", conv.parameters().get(0).gradient());
      c.check("grad_bias", conv.parameters().get(1).gradient());
    }
  }

  @Test
  void poolingMatchesPyTorch() {
    Map<String, Layer> pools = Map.of("maxpool", Pool2d.max(2, 2, 0), "maxpool_pad", Pool2d.max(3, 2, 1),
        "avgpool", Pool2d.average(2, 2, 0), "avgpool_pad", Pool2d.average(3, 2, 1));
    pools.forEach((name, pool) -> {
      TorchCase c = TorchCase.load(name);
      Tensor x = c.variable("x");
      c.backwardAndCheck(pool.forward(x, true));
      c.check("grad_x", x.grad());
    });
  }

  @Test
  void batchNormMatchesPyTorchInTrainingAndEvaluation() {
    for (String name : new String[] {"batchnorm1d", "batchnorm2d"}) {
      TorchCase c = TorchCase.load(name);
      BatchNorm norm = new BatchNorm(4, 0.1, 1e-5, DataType.FLOAT);
      norm.parameters().get(0).value().assign(c.get("weight"));
      norm.parameters().get(1).value().assign(c.get("bias"));
      Tensor x = c.variable("x");
      c.backwardAndCheck(norm.forward(x, true));
      c.check("grad_x", x.grad());
      c.check("grad_weight", norm.parameters().get(0).gradient());
      c.check("grad_bias", norm.parameters().get(1).gradient());
      TorchCase running = TorchCase.load(name + "_running");
      running.check("mean", norm.runningMean());
      running.check("var", norm.runningVariance());

      TorchCase eval = TorchCase.load(name + "_eval");
      norm.parameters().forEach(p -> p.gradient().assign(0));
      Tensor again = eval.variable("x");
      eval.backwardAndCheck(norm.forward(again, false));
      eval.check("grad_x", again.grad());
      eval.check("grad_weight", norm.parameters().get(0).gradient());
      eval.check("grad_bias", norm.parameters().get(1).gradient());
      running.check("mean", norm.runningMean());           // evaluation leaves the statistics alone
    }
  }

  @Test
  void gradientsMatchCentralDifferences() {
    double conv = FunctionModel.check(t -> Conv2d.conv2d(t.get(0), t.get(1), t.get(2), 2, 1, 1),
        Inputs.uniform(71, 2, 2, 5, 5), Inputs.uniform(72, 3, 2, 3, 3), Inputs.uniform(73, 3));
    assertTrue(conv < 1e-6, "conv2d: max relative error " + conv);
    for (int channels : new int[] {1, 2}) {      // stride 1: the weight gradient of a layer on data is a convolution
      double error = FunctionModel.check(t -> Conv2d.conv2d(t.get(0), t.get(1), t.get(2), 1, 1, 1),
          Inputs.uniform(77, 2, channels, 5, 4), Inputs.uniform(78, 3, channels, 3, 2), Inputs.uniform(79, 3));
      assertTrue(error < 1e-6, "conv2d, " + channels + " channels: max relative error " + error);
    }
    double dilated = FunctionModel.check(t -> Conv2d.conv2d(t.get(0), t.get(1), t.get(2), 1, 2, 2),
        Inputs.uniform(80, 2, 2, 6, 6), Inputs.uniform(81, 3, 2, 3, 3), Inputs.uniform(82, 3));
    assertTrue(dilated < 1e-6, "dilated conv2d: max relative error " + dilated);
    double avg = FunctionModel.check(t -> Pool2d.average(3, 2, 1).forward(t.get(0), true),
        Inputs.uniform(74, 2, 2, 5, 5));
    assertTrue(avg < 1e-6, "avg-pool: max relative error " + avg);
    // distinct values (no ties within a window), perturbations far smaller than their gaps
    double max = FunctionModel.check(t -> Pool2d.max(2, 2, 0).forward(t.get(0), true),
        Nd4j.linspace(-1, 1, 64, DataType.DOUBLE).reshape(1, 1, 8, 8).mul(Inputs.between(75, 0.5, 1.0, 1, 1, 8, 8)));
    assertTrue(max < 1e-6, "max-pool: max relative error " + max);
    for (long[] shape : new long[][] {{5, 3}, {2, 3, 4, 4}}) {
      BatchNorm norm = new BatchNorm(3, 0.1, 1e-5, DataType.DOUBLE);
      double error = FunctionModel.check(t -> norm.forward(t.get(0), true), Inputs.uniform(76, shape));
      assertTrue(error < 1e-6, "batch norm " + java.util.Arrays.toString(shape) + ": max relative error " + error);
    }
  }

  @Test
  void badShapesAreNamed() {
    Conv2d conv = new Conv2d(Nd4j.zeros(DataType.FLOAT, 6, 1, 5, 5), Nd4j.zeros(DataType.FLOAT, 6), 1, 0, 1);
    assertEquals("conv2d takes images [n, 1, height, width], got shape [2, 3, 28, 28]", assertThrows(
        KilnException.class, () -> conv.forward(Tensor.constant(Nd4j.zeros(DataType.FLOAT, 2, 3, 28, 28)), false))
        .getMessage());
    assertEquals("conv2d: a 5x5 kernel (dilation 1) does not fit images of 3x3 with padding 0; pad more or use a "
        + "smaller kernel", assertThrows(KilnException.class,
            () -> conv.forward(Tensor.constant(Nd4j.zeros(DataType.FLOAT, 2, 1, 3, 3)), false)).getMessage());
    assertEquals("batch norm needs more than one value per channel while training, got shape [1, 3]; use batches of "
        + "2 rows or more", assertThrows(KilnException.class, () -> new BatchNorm(3, 0.1, 1e-5, DataType.FLOAT)
            .forward(Tensor.constant(Nd4j.zeros(DataType.FLOAT, 1, 3)), true)).getMessage());
  }
}
