package dev.kiln.autograd;

import dev.kiln.api.KilnException;
import dev.kiln.api.train.Parameter;
import dev.kiln.kernels.Gemm;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A node of a reverse-mode automatic differentiation: an ND4J array and, when it depends on something that
 * requires a gradient, the op that made it (its name, its inputs and its hand-written {@link Backward}).
 *
 * <p>{@link #backward()} on a scalar walks the recorded graph from that scalar in reverse topological order
 * (the tape, built by {@link Backprop}) and calls each op's backward formula once, so every tensor's gradient
 * {@code ∂L/∂t} is complete before it is passed on. Gradients accumulate: leaves add each contribution to
 * {@link #grad()} until {@link #zeroGrad()}, as in PyTorch; the gradients of intermediate tensors are
 * released after use. A leaf made by {@link #of(Parameter)} accumulates into the parameter's own gradient
 * buffer, so that any {@link dev.kiln.api.Optimizer} can step the parameters a model computed with tensors.
 *
 * <p>Ops record nothing inside {@link GradMode#disabled()} scopes or when no input requires a gradient;
 * {@link #detach()} cuts a tensor off its graph. Tensors hold float32 or float64 arrays (the inputs of an op
 * must share one type); ops allocate their outputs and never change their inputs.
 *
 * <p>Reference: Griewank and Walther, "Evaluating Derivatives", 2nd ed., SIAM 2008, ch. 3 (the reverse mode);
 * Paszke et al., "Automatic differentiation in PyTorch", NIPS-W 2017.
 */
public final class Tensor {
  private static final Tensor[] NO_INPUTS = {};

  private final INDArray value;
  private final boolean requiresGrad;
  private final String op;
  private final Tensor[] inputs;
  private final Backward backward;
  private final Parameter parameter;
  private INDArray grad;
  /** Whether {@link #grad} is this tensor's own array (changed in place) or adopted from an op (copied). */
  private boolean gradOwned;

  private Tensor(INDArray value, boolean requiresGrad, String op, Tensor[] inputs, Backward backward,
      Parameter parameter) {
    this.value = value;
    this.requiresGrad = requiresGrad;
    this.op = op;
    this.inputs = inputs;
    this.backward = backward;
    this.parameter = parameter;
    if (parameter != null) {
      grad = parameter.gradient();
      gradOwned = true;
    }
  }

  /** A tensor that needs no gradient: data, labels, masks. */
  public static Tensor constant(INDArray value) {
    return new Tensor(value, false, "constant", NO_INPUTS, null, null);
  }

  /** A leaf that requires a gradient; its gradient is allocated on the first {@link #backward}. */
  public static Tensor variable(INDArray value) {
    return new Tensor(value, true, "leaf", NO_INPUTS, null, null);
  }

  /** A leaf over a model parameter: its value is the parameter's, its gradient accumulates into the parameter's. */
  public static Tensor of(Parameter parameter) {
    return new Tensor(parameter.value(), true, "leaf", NO_INPUTS, null, parameter);
  }

  /**
   * The output of an op, for op implementations: records {@code backward} and {@code inputs} when gradients
   * are enabled and some input requires one; otherwise a constant.
   */
  public static Tensor result(String op, INDArray value, Backward backward, Tensor... inputs) {
    if (!GradMode.isEnabled()) {
      return constant(value);
    }
    for (Tensor input : inputs) {
      if (input.requiresGrad) {
        return new Tensor(value, true, op, inputs, backward, null);
      }
    }
    return constant(value);
  }

  public INDArray value() {
    return value;
  }

  /** The accumulated gradient of a leaf (read-only), or {@code null} before any backward reaches it. */
  public INDArray grad() {
    return grad;
  }

  public boolean requiresGrad() {
    return requiresGrad;
  }

  /** Whether this tensor was made by no op (data, parameters, variables). */
  public boolean isLeaf() {
    return backward == null;
  }

  /** The name of the op that made it: "add", "matmul", ...; "leaf" or "constant" for leaves. */
  public String op() {
    return op;
  }

  Tensor[] inputs() {
    return inputs;
  }

  public long[] shape() {
    return value.shape();
  }

  public int rank() {
    return value.rank();
  }

  public long size(int dimension) {
    return value.size(dimension);
  }

  public DataType dataType() {
    return value.dataType();
  }

  /** The single value of a one-element tensor. */
  public double item() {
    if (value.length() != 1) {
      throw new KilnException("item() needs a tensor of one element, got shape " + Arrays.toString(shape()));
    }
    return value.getDouble(0);
  }

  /** The same value as a constant, cut off the graph: no gradient flows through it. */
  public Tensor detach() {
    return constant(value);
  }

  /** Back-propagates from this scalar (a one-element tensor): {@code ∂L/∂L = 1}. */
  public void backward() {
    if (value.length() != 1) {
      throw new KilnException("backward() starts from a scalar loss, got shape " + Arrays.toString(shape())
          + "; reduce it first (sum() or mean()) or pass the output gradient to backward(gradient)");
    }
    backward(Nd4j.onesLike(value));
  }

  /** Back-propagates {@code gradient} (the loss's gradient with respect to this tensor, of its shape). */
  public void backward(INDArray gradient) {
    if (!requiresGrad) {
      throw new KilnException("backward() on a tensor that does not require a gradient: make its inputs with "
          + "Tensor.variable or Tensor.of(parameter), outside GradMode.disabled()");
    }
    Backprop.run(this, gradient);
  }

  /** Forgets the accumulated gradient (zeroes a parameter's gradient buffer). */
  public void zeroGrad() {
    if (parameter != null) {
      grad.assign(0);
    } else {
      grad = null;
      gradOwned = false;
    }
  }

  /**
   * Adds {@code g} to this tensor's gradient, for {@link Backward} functions. When the tensor has no gradient
   * yet it adopts {@code g} without copying (so {@code g} must not change afterwards); a later contribution
   * then makes a new array rather than writing into {@code g}.
   */
  public void accumulateGrad(INDArray g) {
    if (!Arrays.equals(g.shape(), value.shape())) {
      throw new IllegalStateException(op + ": gradient of shape " + Arrays.toString(g.shape())
          + " for a tensor of shape " + Arrays.toString(value.shape()));
    }
    if (grad == null) {
      grad = g;
    } else if (gradOwned) {
      grad.addi(g);
    } else {
      grad = grad.add(g);
      gradOwned = true;
    }
  }

  /**
   * Adds the matrix product {@code op(a)·op(b)} to this tensor's gradient, written by GEMM straight into an
   * owned gradient buffer (a parameter's) when there is one. The product may have this tensor's shape or, for
   * a vector such as a bias, {@code [1, length]}: a bias gradient {@code Σᵢ gᵢ} is {@code 1ᵀ·g}.
   */
  public void accumulateGradProduct(INDArray a, boolean transposeA, INDArray b, boolean transposeB) {
    long rows = transposeA ? a.size(1) : a.size(0);
    long columns = transposeB ? b.size(0) : b.size(1);
    boolean row = rows == 1 && grad != null && grad.rank() == 1 && grad.elementWiseStride() == 1;
    if (grad != null && gradOwned && (grad.rank() == 2 || row)) {
      INDArray matrix = row ? grad.reshape(1, columns) : grad;   // a vector's buffer seen as one row
      Gemm.gemm(a, b, matrix, transposeA, transposeB, 1.0, 1.0);
    } else {
      INDArray product = Gemm.gemm(a, b, transposeA, transposeB);
      boolean fresh = grad == null;
      accumulateGrad(value.rank() == 2 ? product : product.reshape(value.shape()));
      gradOwned |= fresh;   // adopted without copying: the product is this tensor's own buffer
    }
  }

  /** Releases the gradient of an intermediate tensor once its op's backward has used it. */
  void releaseGrad() {
    if (!isLeaf()) {
      grad = null;
      gradOwned = false;
    }
  }

  void runBackward() {
    if (grad != null) {
      backward.apply(grad);
    }
  }

  // Fluent forms of the common ops.

  public Tensor add(Tensor other) {
    return Arithmetic.add(this, other);
  }

  public Tensor sub(Tensor other) {
    return Arithmetic.sub(this, other);
  }

  public Tensor mul(Tensor other) {
    return Arithmetic.mul(this, other);
  }

  public Tensor div(Tensor other) {
    return Arithmetic.div(this, other);
  }

  public Tensor mul(double factor) {
    return Arithmetic.scale(this, factor);
  }

  public Tensor neg() {
    return Arithmetic.scale(this, -1);
  }

  public Tensor matmul(Tensor other) {
    return MatMul.matmul(this, other);
  }

  /** The sum of all elements, a scalar. */
  public Tensor sum() {
    return Reductions.sum(this);
  }

  /** The mean of all elements, a scalar. */
  public Tensor mean() {
    return Reductions.mean(this);
  }

  public Tensor reshape(long... shape) {
    return Shapes.reshape(this, shape);
  }

  public Tensor transpose(int first, int second) {
    return Shapes.transpose(this, first, second);
  }

  @Override
  public String toString() {
    return "Tensor[" + op + " " + Arrays.toString(shape()) + " " + dataType()
        + (requiresGrad ? ", requires grad" : "") + "]";
  }
}
