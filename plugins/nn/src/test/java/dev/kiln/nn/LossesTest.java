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
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Losses against PyTorch 1.13 (tools/reference/torch_nn.py, float32, the loss and the input gradient for an
 * upstream gradient of 0.7, to 1e-5), against central differences in float64, and their bad-input errors.
 */
class LossesTest {
  @Test
  void matchPyTorch() {
    TorchCase mse = TorchCase.load("loss_mse");
    Tensor p = mse.variable("p");
    mse.backwardAndCheck(Losses.mse(p, Tensor.constant(mse.get("t"))));
    mse.check("grad_p", p.grad());

    TorchCase bce = TorchCase.load("loss_bce");
    Tensor q = bce.variable("p");
    bce.backwardAndCheck(Losses.bce(q, Tensor.constant(bce.get("t"))));
    bce.check("grad_p", q.grad());

    TorchCase logits = TorchCase.load("loss_bce_logits");
    Tensor x = logits.variable("x");
    logits.backwardAndCheck(Losses.bceWithLogits(x, Tensor.constant(logits.get("t"))));
    logits.check("grad_x", x.grad());

    for (String name : new String[] {"loss_ce", "loss_ce_smooth_ignore"}) {
      TorchCase ce = TorchCase.load(name);
      Tensor z = ce.variable("x");
      boolean smooth = name.endsWith("ignore");
      ce.backwardAndCheck(Losses.crossEntropy(z, ce.get("y"), smooth ? 0.1 : 0, Losses.DEFAULT_IGNORE_INDEX));
      ce.check("grad_x", z.grad());
    }

    TorchCase probabilities = TorchCase.load("loss_ce_probabilities");
    Tensor w = probabilities.variable("x");
    probabilities.backwardAndCheck(Losses.crossEntropy(w, probabilities.get("q")));
    probabilities.check("grad_x", w.grad());

    TorchCase nll = TorchCase.load("loss_nll");
    Tensor l = nll.variable("l");
    nll.backwardAndCheck(Losses.nll(l, nll.get("y"), Losses.DEFAULT_IGNORE_INDEX));
    nll.check("grad_l", l.grad());

    TorchCase kl = TorchCase.load("loss_kl");
    Tensor k = kl.variable("l");
    kl.backwardAndCheck(Losses.klDiv(k, kl.get("t")));
    kl.check("grad_l", k.grad());
  }

  @Test
  void gradientsMatchCentralDifferences() {
    INDArray p = Inputs.between(41, 0.05, 0.95, 4, 3);
    INDArray t = Inputs.between(42, 0.0, 1.0, 4, 3);
    INDArray logits = Inputs.between(43, -3.0, 3.0, 5, 4);
    INDArray labels = Nd4j.createFromArray(3.0, -100, 0, 2, 1);
    INDArray target = Transforms.softmax(Inputs.uniform(44, 5, 4), true);
    check("mse", FunctionModel.check(v -> Losses.mse(v.get(0), Tensor.constant(t)), p));
    check("bce", FunctionModel.check(v -> Losses.bce(v.get(0), Tensor.constant(t)), p));
    check("bceWithLogits", FunctionModel.check(v -> Losses.bceWithLogits(v.get(0), Tensor.constant(t)), p));
    check("crossEntropy", FunctionModel.check(v -> Losses.crossEntropy(v.get(0), labels, 0.2, -100), logits));
    check("crossEntropy on probabilities", FunctionModel.check(v -> Losses.crossEntropy(v.get(0), target),
        logits));
    check("nll", FunctionModel.check(v -> Losses.nll(v.get(0), labels, -100), logits));
    check("klDiv", FunctionModel.check(v -> Losses.klDiv(v.get(0), target), logits));
  }

  private static void check(String what, double error) {
    assertTrue(error < 1e-6, what + ": max relative error " + error);
  }

  @Test
  void rejectsBadLabelsAndEmptyBatches() {
    Tensor scores = Tensor.variable(Nd4j.zeros(DataType.FLOAT, 3, 4));
    assertEquals("crossEntropy: label 4 is out of range for 4 classes; labels must be class indices 0..3",
        assertThrows(KilnException.class, () -> Losses.crossEntropy(scores, Nd4j.createFromArray(0.0, 4, 1), 0,
            Losses.DEFAULT_IGNORE_INDEX)).getMessage());
    assertEquals("nll: label -1 is out of range for 4 classes; labels must be class indices 0..3",
        assertThrows(KilnException.class, () -> Losses.nll(scores, Nd4j.createFromArray(0.0, -1, 1),
            Losses.DEFAULT_IGNORE_INDEX)).getMessage());
    assertEquals("crossEntropy: labels must be whole class indices 0..3, got a fraction; for real-valued targets "
        + "use a regression loss (mse)", assertThrows(KilnException.class, () -> Losses.crossEntropy(scores,
            Nd4j.createFromArray(0.0, 1.5, 1), 0, Losses.DEFAULT_IGNORE_INDEX)).getMessage());
    assertEquals("crossEntropy of an empty batch is undefined: pass at least one row",
        assertThrows(KilnException.class, () -> Losses.crossEntropy(Tensor.variable(Nd4j.zeros(DataType.FLOAT, 0, 4)),
            Nd4j.zeros(DataType.FLOAT, 0), 0, Losses.DEFAULT_IGNORE_INDEX)).getMessage());
    assertEquals("crossEntropy: every label in the batch is the ignore index -100; nothing to learn from",
        assertThrows(KilnException.class, () -> Losses.crossEntropy(Tensor.variable(Nd4j.zeros(DataType.FLOAT, 1, 4)),
            Nd4j.createFromArray(-100.0), 0, Losses.DEFAULT_IGNORE_INDEX)).getMessage());
    assertEquals("mse: prediction [3, 4] and target [4, 3] differ in shape; pass one target per prediction",
        assertThrows(KilnException.class, () -> Losses.mse(scores, Tensor.constant(Nd4j.zeros(DataType.FLOAT, 4, 3))))
            .getMessage());
  }
}
