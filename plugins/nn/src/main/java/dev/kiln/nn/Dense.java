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

/**
 * A fully connected layer {@code y = x·Wᵀ + b}, with {@code W [out, in]} (PyTorch's layout) and {@code b [out]},
 * applied to the last axis of {@code x [..., in]}. The product and the bias are one fused op, computed as two
 * GEMMs ({@code y = 1·bᵀ}, then {@code y += x·Wᵀ}), whose backward is
 * <pre>
 *   ∂x = g·W,   ∂W = gᵀ·x,   ∂b = Σ_rows g = 1ᵀ·g
 * </pre>
 * three GEMMs, the parameters' two written straight into their gradient buffers: on a batch of 128 rows a GEMM
 * with a column of ones costs less than ND4J's row-broadcast add and column sum it replaces.
 * Initialised as PyTorch's {@code nn.Linear}: {@code W, b ~ U(−1/√in, 1/√in)}.
 *
 * <p>Reference: PyTorch 1.13 {@code torch.nn.Linear}; Goodfellow, Bengio, Courville, "Deep Learning", MIT
 * Press 2016, §6.5 (back-propagation through a matrix product).
 */
public final class Dense implements Layer {
  private final Parameter weight;
  private final Parameter bias;

  /** A layer from {@code in} to {@code out} features, initialised from {@code random}. */
  public Dense(int in, int out, boolean withBias, SplittableRandom random, DataType type) {
    this.weight = new Parameter("weight", Init.fanIn(random, in, type, out, in));
    this.bias = withBias ? new Parameter("bias", Init.fanIn(random, in, type, out)) : null;
  }

  /** A layer over existing weights {@code [out, in]} and bias {@code [out]} (or {@code null}). */
  public Dense(INDArray weight, INDArray bias) {
    this.weight = new Parameter("weight", weight);
    this.bias = bias == null ? null : new Parameter("bias", bias);
  }

  @Override
  public Tensor forward(Tensor x, boolean training) {
    long in = weight.value().size(1);
    if (x.rank() < 2 || x.size(x.rank() - 1) != in) {
      throw new KilnException("dense layer takes " + in + " input features, got x of shape "
          + Arrays.toString(x.shape()) + "; pass [n, " + in + "]");
    }
    return linear(x, Tensor.of(weight), bias == null ? null : Tensor.of(bias));
  }

  /** {@code x·wᵀ + b} over the last axis of {@code x}, fused; {@code b} may be {@code null}. */
  static Tensor linear(Tensor x, Tensor w, Tensor b) {
    long[] shape = x.shape();
    long in = w.size(1);
    long out = w.size(0);
    INDArray rows = x.value().reshape('c', x.value().length() / in, in);
    INDArray ones = b == null ? null : Ones.column(rows.dataType(), rows.rows());
    INDArray y;
    if (b == null) {
      y = Gemm.gemm(rows, w.value(), false, true);
    } else {   // y = 1·bᵀ, then y += x·Wᵀ: two GEMMs and no broadcast op
      y = Gemm.gemm(ones, b.value().reshape(1, out), false, false);
      Gemm.gemm(rows, w.value(), y, false, true, 1.0, 1.0);
    }
    long[] outShape = shape.clone();
    outShape[shape.length - 1] = out;
    Tensor[] inputs = b == null ? new Tensor[] {x, w} : new Tensor[] {x, w, b};
    return Tensor.result("linear", y.reshape(outShape), g -> {
      INDArray gRows = g.reshape('c', rows.rows(), out);
      if (x.requiresGrad()) {
        x.accumulateGrad(Gemm.gemm(gRows, w.value(), false, false).reshape(shape));
      }
      if (w.requiresGrad()) {
        w.accumulateGradProduct(gRows, true, rows, false);
      }
      if (b != null && b.requiresGrad()) {
        b.accumulateGradProduct(ones, true, gRows, false);
      }
    }, inputs);
  }


  @Override
  public List<Parameter> parameters() {
    return bias == null ? List.of(weight) : List.of(weight, bias);
  }
}
