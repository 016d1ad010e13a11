package dev.kiln.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.KilnException;
import dev.kiln.autograd.FunctionModel;
import dev.kiln.autograd.Inputs;
import dev.kiln.autograd.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * LayerNorm, RMSNorm, embeddings and the tanh RNN against PyTorch 1.13 (tools/reference/torch_nn.py, float32,
 * to 1e-5) and central differences in float64.
 */
class NormsAndSequencesTest {
  @Test
  void layerNormMatchesPyTorch() {
    TorchCase c = TorchCase.load("layernorm");
    LayerNorm norm = new LayerNorm(6, 1e-5, DataType.FLOAT);
    norm.parameters().get(0).value().assign(c.get("weight"));
    norm.parameters().get(1).value().assign(c.get("bias"));
    Tensor x = c.variable("x");
    c.backwardAndCheck(norm.forward(x, true));
    c.check("grad_x", x.grad());
    c.check("grad_weight", norm.parameters().get(0).gradient());
    c.check("grad_bias", norm.parameters().get(1).gradient());
  }

  @Test
  void rmsNormMatchesPyTorch() {
    TorchCase c = TorchCase.load("rmsnorm");
    RmsNorm norm = new RmsNorm(6, 1e-6, DataType.FLOAT);
    norm.parameters().get(0).value().assign(c.get("weight"));
    Tensor x = c.variable("x");
    c.backwardAndCheck(norm.forward(x, true));
    c.check("grad_x", x.grad());
    c.check("grad_weight", norm.parameters().get(0).gradient());
  }

  @Test
  void embeddingMatchesPyTorch() {
    TorchCase c = TorchCase.load("embedding");
    Embedding embedding = new Embedding(c.get("weight"));
    c.backwardAndCheck(embedding.forward(Tensor.constant(c.get("ids")), true));
    c.check("grad_weight", embedding.parameters().get(0).gradient());
  }

  @Test
  void rnnMatchesPyTorch() {
    TorchCase c = TorchCase.load("rnn");
    Rnn rnn = new Rnn(c.get("weight_ih"), c.get("weight_hh"), c.get("bias_ih"), c.get("bias_hh"));
    Tensor x = c.variable("x");
    c.backwardAndCheck(rnn.forward(x, true));
    c.check("grad_x", x.grad());
    String[] names = {"weight_ih", "weight_hh", "bias_ih", "bias_hh"};
    for (int i = 0; i < 4; i++) {
      c.check("grad_" + names[i], rnn.parameters().get(i).gradient());
    }
  }

  @Test
  void gradientsMatchCentralDifferences() {
    LayerNorm layerNorm = new LayerNorm(5, 1e-5, DataType.DOUBLE);
    layerNorm.parameters().get(0).value().assign(Inputs.between(81, 0.5, 1.5, 5));
    check("layer norm", FunctionModel.check(t -> layerNorm.forward(t.get(0), true), Inputs.uniform(82, 2, 3, 5)));
    RmsNorm rmsNorm = new RmsNorm(5, 1e-6, DataType.DOUBLE);
    rmsNorm.parameters().get(0).value().assign(Inputs.between(83, 0.5, 1.5, 5));
    check("rms norm", FunctionModel.check(t -> rmsNorm.forward(t.get(0), true), Inputs.uniform(84, 3, 5)));
    check("rnn", FunctionModel.check(t -> Rnn.rnn(t.get(0), t.get(1), t.get(2), t.get(3), t.get(4)),
        Inputs.uniform(85, 2, 4, 3), Inputs.uniform(86, 5, 3), Inputs.uniform(87, 5, 5).muli(0.5),
        Inputs.uniform(88, 5), Inputs.uniform(89, 5)));
    check("one-step rnn", FunctionModel.check(t -> Rnn.rnn(t.get(0), t.get(1), t.get(2), t.get(3), t.get(4)),
        Inputs.uniform(90, 3, 1, 2), Inputs.uniform(91, 4, 2), Inputs.uniform(92, 4, 4),
        Inputs.uniform(93, 4), Inputs.uniform(94, 4)));
    Embedding embedding = new Embedding(Inputs.uniform(95, 6, 3));
    var ids = Nd4j.createFromArray(new double[][] {{0, 5, 5}, {2, 0, 1}});
    check("embedding", FunctionModel.check(t -> dev.kiln.autograd.Shapes.gather(t.get(0), ids),
        embedding.parameters().get(0).value()));
  }

  private static void check(String what, double error) {
    assertTrue(error < 1e-6, what + ": max relative error " + error);
  }

  @Test
  void badShapesAreNamed() {
    assertEquals("rnn takes sequences [n, steps, 3] with at least one step, got shape [2, 3]",
        assertThrows(KilnException.class, () -> new Rnn(3, 4, new java.util.SplittableRandom(1), DataType.FLOAT)
            .forward(Tensor.constant(Nd4j.zeros(DataType.FLOAT, 2, 3)), true)).getMessage());
    assertEquals("layer norm over 6 features takes [n, ..., 6], got shape [2, 5]", assertThrows(KilnException.class,
        () -> new LayerNorm(6, 1e-5, DataType.FLOAT).forward(Tensor.constant(Nd4j.zeros(DataType.FLOAT, 2, 5)),
            true)).getMessage());
    assertEquals("gather: index 7 is out of range for 7 rows; indices must be in [0, 6]",
        assertThrows(KilnException.class, () -> new Embedding(Nd4j.zeros(DataType.FLOAT, 7, 2))
            .forward(Tensor.constant(Nd4j.createFromArray(1.0, 7.0)), true)).getMessage());
  }
}
