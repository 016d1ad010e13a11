package dev.kiln.nn;

import dev.kiln.api.KilnException;
import dev.kiln.api.train.Parameter;
import dev.kiln.autograd.Tensor;
import dev.kiln.kernels.Gemm;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * An Elman (vanilla) recurrent layer with tanh over sequences {@code x [n, T, F]} (batch first), from
 * {@code h₋₁ = 0}, returning every hidden state {@code [n, T, H]}:
 * <pre>
 *   h_t = tanh(x_t·W_ihᵀ + b_ih + h_{t−1}·W_hhᵀ + b_hh)
 * </pre>
 * One fused op with back-propagation through time written by hand: with {@code a_t} the pre-activation and
 * {@code g_t} the gradient arriving at {@code h_t} from above,
 * <pre>
 *   δ_t = (g_t + δ_{t+1}·W_hh) · (1 − h_t²)                 (t = T−1 … 0, δ_T = 0)
 *   ∂W_hh = Σ_t δ_tᵀ·h_{t−1},  ∂W_ih = Σ_t δ_tᵀ·x_t,  ∂b_ih = ∂b_hh = Σ_t Σ_n δ_t,  ∂x_t = δ_t·W_ih
 * </pre>
 * The input projection of all steps, the two weight gradients and {@code ∂x} are one GEMM each; only the
 * recurrence runs step by step (two ND4J calls forward, three backward, per step, on the whole batch).
 * Parameters start as PyTorch's {@code nn.RNN}: all {@code U(−1/√H, 1/√H)}.
 *
 * <p>Reference: Elman, "Finding structure in time", Cognitive Science 14, 1990; Werbos, "Backpropagation
 * through time: what it does and how to do it", Proc. IEEE 78(10), 1990; PyTorch 1.13 {@code torch.nn.RNN}.
 */
public final class Rnn implements Layer {
  private final Parameter weightIh;
  private final Parameter weightHh;
  private final Parameter biasIh;
  private final Parameter biasHh;

  /** A layer from {@code inputs} features per step to {@code hidden} units, drawn from {@code random}. */
  public Rnn(int inputs, int hidden, SplittableRandom random, DataType type) {
    this(Init.fanIn(random, hidden, type, hidden, inputs), Init.fanIn(random, hidden, type, hidden, hidden),
        Init.fanIn(random, hidden, type, hidden), Init.fanIn(random, hidden, type, hidden));
  }

  /** A layer over existing {@code W_ih [H, F]}, {@code W_hh [H, H]}, {@code b_ih [H]}, {@code b_hh [H]}. */
  public Rnn(INDArray weightIh, INDArray weightHh, INDArray biasIh, INDArray biasHh) {
    this.weightIh = new Parameter("weight_ih", weightIh);
    this.weightHh = new Parameter("weight_hh", weightHh);
    this.biasIh = new Parameter("bias_ih", biasIh);
    this.biasHh = new Parameter("bias_hh", biasHh);
  }

  @Override
  public Tensor forward(Tensor x, boolean training) {
    long features = weightIh.value().size(1);
    if (x.rank() != 3 || x.size(2) != features || x.size(1) == 0) {
      throw new KilnException("rnn takes sequences [n, steps, " + features + "] with at least one step, got shape "
          + Arrays.toString(x.shape()));
    }
    return rnn(x, Tensor.of(weightIh), Tensor.of(weightHh), Tensor.of(biasIh), Tensor.of(biasHh));
  }

  /** Every hidden state {@code [n, T, H]} of the tanh recurrence over {@code x [n, T, F]}. */
  static Tensor rnn(Tensor x, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh) {
    long n = x.size(0);
    long steps = x.size(1);
    long features = x.size(2);
    long hidden = wHh.size(0);
    INDArray input = x.value().permute(1, 0, 2).dup('c').reshape(steps * n, features);     // time-major rows
    INDArray states = Gemm.gemm(input, wIh.value(), false, true);                          // [T·n, H]
    states.addiRowVector(bIh.value().add(bHh.value()));
    states = states.reshape(steps, n, hidden);
    for (long t = 0; t < steps; t++) {
      INDArray a = step(states, t);
      if (t > 0) {
        Gemm.gemm(step(states, t - 1), wHh.value(), a, false, true, 1.0, 1.0);            // a_t += h_{t−1}·W_hhᵀ
      }
      Transforms.tanh(a, false);                                                           // h_t in place
    }
    INDArray h = states;
    return Tensor.result("rnn", h.permute(1, 0, 2), g -> {
      INDArray delta = g.permute(1, 0, 2).dup('c');                                        // [T, n, H]
      INDArray slope = h.mul(h).rsubi(1);                                                  // 1 − h²
      INDArray carry = null;
      for (long t = steps - 1; t >= 0; t--) {
        INDArray d = step(delta, t);
        if (carry != null) {
          d.addi(carry);
        }
        d.muli(step(slope, t));
        carry = t > 0 ? Gemm.gemm(d, wHh.value(), false, false) : null;
      }
      INDArray deltas = delta.reshape(steps * n, hidden);
      if (wHh.requiresGrad() && steps > 1) {
        wHh.accumulateGradProduct(rows(delta, 1, steps, n, hidden), true, rows(h, 0, steps - 1, n, hidden), false);
      }
      if (wIh.requiresGrad()) {
        wIh.accumulateGradProduct(deltas, true, input, false);
      }
      INDArray biasGrad = deltas.sum(0);
      if (bIh.requiresGrad()) {
        bIh.accumulateGrad(biasGrad);
      }
      if (bHh.requiresGrad()) {
        bHh.accumulateGrad(biasGrad.dup());
      }
      if (x.requiresGrad()) {
        INDArray dx = Gemm.gemm(deltas, wIh.value(), false, false).reshape(steps, n, features);
        x.accumulateGrad(dx.permute(1, 0, 2));
      }
    }, x, wIh, wHh, bIh, bHh);
  }

  /** Step {@code t} of a time-major {@code [T, n, H]} array: a contiguous {@code [n, H]} view. */
  private static INDArray step(INDArray timeMajor, long t) {
    return timeMajor.get(NDArrayIndex.point(t), NDArrayIndex.all(), NDArrayIndex.all());
  }

  /** Steps {@code [from, to)} of a time-major array as rows {@code [(to − from)·n, H]}. */
  private static INDArray rows(INDArray timeMajor, long from, long to, long n, long hidden) {
    return timeMajor.get(NDArrayIndex.interval(from, to), NDArrayIndex.all(), NDArrayIndex.all())
        .reshape((to - from) * n, hidden);
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(weightIh, weightHh, biasIh, biasHh);
  }
}
