package dev.kiln.classic;

import dev.kiln.api.data.Batch;
import dev.kiln.api.train.Cancellation;
import dev.kiln.api.train.GradientModel;
import dev.kiln.api.train.Parameter;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Limited-memory BFGS: minimises a smooth function {@code f(θ)} from its value and gradient. Each iteration
 * takes the quasi-Newton direction {@code p = −H g}, where {@code H} applies the last {@value #MEMORY} pairs
 * {@code s = θ' − θ}, {@code y = g' − g} by the two-loop recursion (initial scaling {@code γ = sᵀy / yᵀy}),
 * and a step length satisfying the strong Wolfe conditions
 * <pre>  f(θ + αp) <= f(θ) + c₁ α gᵀp,   |g(θ + αp)ᵀp| <= c₂ |gᵀp|,   c₁ = 1e-4, c₂ = 0.9</pre>
 * found by bracketing and cubic-interpolation zoom ({@code 20} evaluations at most). The first step is
 * {@code min(1, 1/||p||)} long, as in L-BFGS-B. It stops when {@code max |g_i| <= gtol} (converged), after
 * {@code maxIter} iterations, or when the line search finds no lower value (rounding limits the progress).
 * Unlike SciPy's {@code L-BFGS-B}, which scikit-learn calls, there is no relative-decrease ({@code ftol}) test:
 * that test ends scikit-learn's fits with {@code max |g|} still near 1e-4 to 1e-3 whatever {@code tol} says,
 * while here {@code gtol} alone decides.
 *
 * <p>The vectors are Java arrays: {@code O(m p)} work per iteration on {@code p} parameters, next to the
 * {@code O(n p)} GEMMs of a model's objective.
 *
 * <p>Reference: Nocedal and Wright, "Numerical Optimization", 2nd ed., Algorithm 7.4/7.5 (L-BFGS) and
 * Algorithms 3.5/3.6 (strong Wolfe line search); Liu and Nocedal, "On the limited memory BFGS method for
 * large scale optimization", Math. Programming 45, 1989.
 */
final class Lbfgs {
  static final int MEMORY = 10;
  private static final double C1 = 1e-4;
  private static final double C2 = 0.9;
  private static final int MAX_EVALUATIONS = 20;

  private Lbfgs() {}

  /** A smooth function: returns {@code f(θ)} and writes {@code ∇f(θ)} into {@code gradient}. */
  interface Objective {
    double valueAndGradient(double[] theta, double[] gradient);
  }

  /**
   * The objective {@code scale · L(θ)} of {@code model}'s loss on {@code batch}, over its parameters flattened
   * in order (each row-major): {@code θ} is written into the parameters before each evaluation.
   */
  static Objective of(GradientModel model, Batch batch, double scale) {
    List<Parameter> parameters = model.parameters();
    return (theta, gradient) -> {
      assign(theta, parameters);
      double loss = model.lossAndGradient(batch);
      int offset = 0;
      for (Parameter p : parameters) {
        double[] g = p.gradient().dup('c').data().asDouble();
        for (int i = 0; i < g.length; i++) {
          gradient[offset + i] = scale * g[i];
        }
        offset += g.length;
      }
      return scale * loss;
    };
  }

  /** The parameters' current values, flattened in order. */
  static double[] values(List<Parameter> parameters) {
    return parameters.stream().flatMapToDouble(p -> Arrays.stream(p.value().dup('c').data().asDouble())).toArray();
  }

  /** Writes the flat {@code theta} into the parameters, in order. */
  static void assign(double[] theta, List<Parameter> parameters) {
    int offset = 0;
    for (Parameter p : parameters) {
      int size = (int) p.value().length();
      double[] values = Arrays.copyOfRange(theta, offset, offset + size);
      p.value().assign(Nd4j.createFromArray(values).reshape(p.value().shape()));
      offset += size;
    }
  }

  /** The minimiser found, its value, the iterations taken and whether a stopping test (not maxIter) ended it. */
  record Result(double[] theta, double value, int iterations, boolean converged) {}

  static Result minimize(Objective f, double[] start, int maxIter, double gtol, Cancellation cancellation) {
    int p = start.length;
    double[] theta = start.clone();
    double[] g = new double[p];
    double value = f.valueAndGradient(theta, g);
    double[][] s = new double[MEMORY][];
    double[][] y = new double[MEMORY][];
    double[] rho = new double[MEMORY];
    int stored = 0;
    for (int iteration = 1; iteration <= maxIter; iteration++) {
      if (maxAbs(g) <= gtol) {
        return new Result(theta, value, iteration - 1, true);
      }
      cancellation.check();
      double[] direction = direction(g, s, y, rho, stored);
      double step = iteration == 1 ? Math.min(1, 1 / Math.sqrt(dot(direction, direction))) : 1;
      Point next = search(f, theta, value, g, direction, step);
      if (next == null) {
        return new Result(theta, value, iteration - 1, false);
      }
      double[] sk = new double[p];
      double[] yk = new double[p];
      for (int i = 0; i < p; i++) {
        sk[i] = next.theta[i] - theta[i];
        yk[i] = next.gradient[i] - g[i];
      }
      double curvature = dot(sk, yk);
      if (curvature > 1e-10 * dot(yk, yk)) {
        int slot = stored % MEMORY;
        s[slot] = sk;
        y[slot] = yk;
        rho[slot] = 1 / curvature;
        stored++;
      }
      theta = next.theta;
      g = next.gradient;
      value = next.value;
    }
    return new Result(theta, value, maxIter, maxAbs(g) <= gtol);
  }

  /** {@code −H g} by the two-loop recursion over the {@code min(stored, MEMORY)} latest pairs. */
  private static double[] direction(double[] g, double[][] s, double[][] y, double[] rho, int stored) {
    double[] q = g.clone();
    int count = Math.min(stored, MEMORY);
    double[] alpha = new double[MEMORY];
    for (int k = stored - 1; k >= stored - count; k--) {
      int i = k % MEMORY;
      alpha[i] = rho[i] * dot(s[i], q);
      axpy(-alpha[i], y[i], q);
    }
    if (count > 0) {
      int last = (stored - 1) % MEMORY;
      scale(dot(s[last], y[last]) / dot(y[last], y[last]), q);
    }
    for (int k = stored - count; k < stored; k++) {
      int i = k % MEMORY;
      axpy(alpha[i] - rho[i] * dot(y[i], q), s[i], q);
    }
    scale(-1, q);
    return q;
  }

  /** A point of the line search: {@code θ + αp}, its value and gradient, and the slope {@code gᵀp} there. */
  private record Point(double alpha, double[] theta, double value, double[] gradient, double slope) {}

  private static Point evaluate(Objective f, double[] theta, double[] direction, double alpha) {
    double[] at = theta.clone();
    axpy(alpha, direction, at);
    double[] gradient = new double[at.length];
    double value = f.valueAndGradient(at, gradient);
    return new Point(alpha, at, value, gradient, dot(gradient, direction));
  }

  /** A step meeting the strong Wolfe conditions, or {@code null} when none is found in the evaluation budget. */
  private static Point search(Objective f, double[] theta, double value, double[] g, double[] direction,
      double first) {
    double slope = dot(g, direction);
    Point start = new Point(0, theta, value, g, slope);
    Point previous = start;
    double alpha = first;
    for (int evaluation = 1; evaluation <= MAX_EVALUATIONS; evaluation++) {
      Point current = evaluate(f, theta, direction, alpha);
      if (current.value > value + C1 * alpha * slope || (evaluation > 1 && current.value >= previous.value)) {
        return zoom(f, theta, direction, start, previous, current, MAX_EVALUATIONS - evaluation);
      }
      if (Math.abs(current.slope) <= -C2 * slope) {
        return current;
      }
      if (current.slope >= 0) {
        return zoom(f, theta, direction, start, current, previous, MAX_EVALUATIONS - evaluation);
      }
      previous = current;
      alpha *= 2;
    }
    return null;
  }

  /** Narrows {@code [lo, hi]}, which holds a Wolfe step, by safeguarded cubic interpolation. */
  private static Point zoom(Objective f, double[] theta, double[] direction, Point start, Point lo, Point hi,
      int budget) {
    for (int evaluation = 0; evaluation < budget; evaluation++) {
      double alpha = cubicMinimum(lo, hi);
      double width = Math.abs(hi.alpha - lo.alpha);
      if (Double.isNaN(alpha) || Math.abs(alpha - lo.alpha) < 0.1 * width || Math.abs(alpha - hi.alpha) < 0.1 * width) {
        alpha = (lo.alpha + hi.alpha) / 2;
      }
      Point current = evaluate(f, theta, direction, alpha);
      if (current.value > start.value + C1 * alpha * start.slope || current.value >= lo.value) {
        hi = current;
      } else {
        if (Math.abs(current.slope) <= -C2 * start.slope) {
          return current;
        }
        if (current.slope * (hi.alpha - lo.alpha) >= 0) {
          hi = lo;
        }
        lo = current;
      }
    }
    return lo.alpha > 0 && lo.value < start.value ? lo : null;
  }

  /** The minimiser of the cubic through two points' values and slopes (Nocedal and Wright, eq. 3.59). */
  private static double cubicMinimum(Point a, Point b) {
    double d1 = a.slope + b.slope - 3 * (a.value - b.value) / (a.alpha - b.alpha);
    double d2 = Math.signum(b.alpha - a.alpha) * Math.sqrt(d1 * d1 - a.slope * b.slope);
    return b.alpha - (b.alpha - a.alpha) * (b.slope + d2 - d1) / (b.slope - a.slope + 2 * d2);
  }

  private static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  private static void axpy(double alpha, double[] x, double[] y) {
    for (int i = 0; i < x.length; i++) {
      y[i] += alpha * x[i];
    }
  }

  private static void scale(double alpha, double[] x) {
    for (int i = 0; i < x.length; i++) {
      x[i] *= alpha;
    }
  }

  private static double maxAbs(double[] x) {
    double max = 0;
    for (double v : x) {
      max = Math.max(max, Math.abs(v));
    }
    return max;
  }
}
