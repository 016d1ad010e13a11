package dev.kiln.autograd;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.same.Sign;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Element-wise arithmetic with NumPy broadcasting ({@link Broadcast}) and its derivatives. With upstream
 * gradient {@code g} and {@code ↓} the sum down to an input's shape:
 * <pre>
 *   a + b :  ∂a = ↓g,        ∂b = ↓g
 *   a − b :  ∂a = ↓g,        ∂b = −↓g
 *   a · b :  ∂a = ↓(g·b),    ∂b = ↓(g·a)
 *   a / b :  ∂a = ↓(g / b),  ∂b = −↓(g·out / b)
 *   c·x   :  c·g             x + c : g            xᵖ : g·p·xᵖ⁻¹
 *   eˣ    :  g·out           ln x  : g / x        √x : g / (2·out)        |x| : g·sign(x)
 * </pre>
 * Each forward and each term of a backward is one whole-array ND4J op.
 *
 * <p>Reference: the derivative rules of elementary calculus; PyTorch 1.13 {@code derivatives.yaml}.
 */
public final class Arithmetic {
  private Arithmetic() {}

  public static Tensor add(Tensor a, Tensor b) {
    Broadcast.check("add", a, b);
    return Tensor.result("add", a.value().add(b.value()), g -> {
      accumulate(a, g);
      accumulate(b, g);
    }, a, b);
  }

  public static Tensor sub(Tensor a, Tensor b) {
    Broadcast.check("sub", a, b);
    return Tensor.result("sub", a.value().sub(b.value()), g -> {
      accumulate(a, g);
      if (b.requiresGrad()) {
        b.accumulateGrad(Broadcast.reduceTo(g.neg(), b.shape()));
      }
    }, a, b);
  }

  public static Tensor mul(Tensor a, Tensor b) {
    Broadcast.check("mul", a, b);
    return Tensor.result("mul", a.value().mul(b.value()), g -> {
      if (a.requiresGrad()) {
        a.accumulateGrad(Broadcast.reduceTo(g.mul(b.value()), a.shape()));
      }
      if (b.requiresGrad()) {
        b.accumulateGrad(Broadcast.reduceTo(g.mul(a.value()), b.shape()));
      }
    }, a, b);
  }

  public static Tensor div(Tensor a, Tensor b) {
    Broadcast.check("div", a, b);
    INDArray out = a.value().div(b.value());
    return Tensor.result("div", out, g -> {
      if (a.requiresGrad()) {
        a.accumulateGrad(Broadcast.reduceTo(g.div(b.value()), a.shape()));
      }
      if (b.requiresGrad()) {
        b.accumulateGrad(Broadcast.reduceTo(g.mul(out).divi(b.value()).negi(), b.shape()));
      }
    }, a, b);
  }

  /** {@code factor · x}. */
  public static Tensor scale(Tensor x, double factor) {
    return Tensor.result("scale", x.value().mul(factor), g -> x.accumulateGrad(g.mul(factor)), x);
  }

  /** {@code x + constant}. */
  public static Tensor shift(Tensor x, double constant) {
    return Tensor.result("shift", x.value().add(constant), x::accumulateGrad, x);
  }

  /** {@code xᵖ} element-wise. */
  public static Tensor pow(Tensor x, double p) {
    return Tensor.result("pow", Transforms.pow(x.value(), p, true),
        g -> x.accumulateGrad(Transforms.pow(x.value(), p - 1, true).muli(g).muli(p)), x);
  }

  public static Tensor exp(Tensor x) {
    INDArray out = Transforms.exp(x.value(), true);
    return Tensor.result("exp", out, g -> x.accumulateGrad(g.mul(out)), x);
  }

  /** The natural logarithm; fails on a non-positive element only through the NaN or −∞ it gives. */
  public static Tensor log(Tensor x) {
    return Tensor.result("log", Transforms.log(x.value(), true), g -> x.accumulateGrad(g.div(x.value())), x);
  }

  public static Tensor sqrt(Tensor x) {
    INDArray out = Transforms.sqrt(x.value(), true);
    return Tensor.result("sqrt", out, g -> x.accumulateGrad(g.div(out).muli(0.5)), x);
  }

  /** {@code |x|}, with the subgradient 0 at 0 (as PyTorch). */
  public static Tensor abs(Tensor x) {
    return Tensor.result("abs", Transforms.abs(x.value(), true),
        g -> x.accumulateGrad(Nd4j.exec(new Sign(x.value(), x.value().ulike())).muli(g)), x);
  }

  /** Adds {@code g}, summed down to {@code t}'s shape, to {@code t}'s gradient when it needs one. */
  private static void accumulate(Tensor t, INDArray g) {
    if (t.requiresGrad()) {
      // both operands may adopt g itself: adoption never writes into it (see Tensor.accumulateGrad)
      t.accumulateGrad(Broadcast.reduceTo(g, t.shape()));
    }
  }
}
