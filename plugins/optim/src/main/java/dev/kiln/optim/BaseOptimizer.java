package dev.kiln.optim;

import dev.kiln.api.KilnException;
import dev.kiln.api.Optimizer;
import dev.kiln.api.train.OptimizerState;
import dev.kiln.api.train.Parameter;
import dev.kiln.kernels.Level1;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The step every optimizer of this module takes around its own update rule, and the state it keeps.
 *
 * <p>{@link #step} (1) sums each gradient's magnitudes (its squares, when clipping needs the norm) in one pass:
 * a NaN stops the step, before any parameter changes, with an error naming the parameter (or skips the step,
 * with {@code skipNanSteps}); (2) with
 * {@code clipNorm = c}, scales every gradient in place by {@code min(1, c / (‖g‖ + 10⁻⁶))}, ‖g‖ the L2 norm
 * of all gradients together, as {@code torch.nn.utils.clip_grad_norm_}; (3) takes the learning rate from the
 * {@link Schedule}; (4) runs the optimizer's update on each parameter.
 *
 * <p>State is kept per parameter name in {@link Slots}: saved buffers (moments, accumulators) allocated on
 * a parameter's first step with its shape, type and layout, a per-parameter step count, and scratch buffers
 * reused on every step, so a step allocates nothing proportional to the parameters. {@link #state()} exports
 * the buffers as tensors {@code "<parameter>/<slot>"} and the counts as scalars ({@code "steps"},
 * {@code "skippedSteps"}, {@code "<parameter>/step"}); {@link #restore} loads them into a fresh optimizer,
 * which then takes exactly the steps the saved one would have; its next step must include every parameter the
 * state names (parameters it does not name start afresh). Use one optimizer per model.
 */
public abstract class BaseOptimizer implements Optimizer {
  private final String name;
  private final double lr;
  private final Record options;
  private final StepOptions stepOptions;
  private Map<String, Slots> slots = new HashMap<>();
  private Set<String> restoredNames = Set.of();
  private long steps;
  private long skippedSteps;

  /** An optimizer named {@code name} (its plugin's name) with base rate {@code lr} from its {@code options}. */
  BaseOptimizer(String name, double lr, Record options, StepOptions stepOptions) {
    this.name = name;
    this.lr = lr;
    this.options = options;
    this.stepOptions = stepOptions;
  }

  /** The shared options: schedule, clipping, NaN handling. */
  public StepOptions stepOptions() {
    return stepOptions;
  }

  @Override
  public final void step(List<Parameter> parameters) {
    double[] sums = sumsOrNull(parameters);
    if (sums == null) {
      skippedSteps++;
      return;
    }
    List<Slots> states = parameters.stream().map(this::slotsOf).toList();
    restoredNames = Set.of();
    if (stepOptions.clipNorm() > 0) {
      double coefficient = stepOptions.clipNorm() / (Math.sqrt(Arrays.stream(sums).sum()) + 1e-6);
      if (coefficient < 1) {
        parameters.forEach(p -> Level1.scale(coefficient, p.gradient()));
      }
    }
    double rate = stepOptions.schedule().rate(lr, steps);
    steps++;
    for (int i = 0; i < sums.length; i++) {
      Slots s = states.get(i);
      s.steps++;
      update(parameters.get(i), s, rate);
    }
  }

  /**
   * Each gradient's sum of squares when clipping needs the norm, else of magnitudes (one is NaN exactly when an
   * element is; the second is the faster pass), after checking the names; {@code null} when a gradient holds NaN
   * and such steps are skipped.
   */
  private double[] sumsOrNull(List<Parameter> parameters) {
    double[] sums = new double[parameters.size()];
    Set<String> names = new HashSet<>();
    for (int i = 0; i < sums.length; i++) {
      Parameter p = parameters.get(i);
      if (!names.add(p.name())) {
        throw new KilnException(name + ": two parameters are named '" + p.name() + "'; the optimizer keeps its "
            + "state by name, so give every parameter of a model a unique name");
      }
      sums[i] = checkSum(p.gradient(), stepOptions.clipNorm() > 0);
      if (Double.isNaN(sums[i])) {
        if (stepOptions.skipNanSteps()) {
          return null;
        }
        throw new KilnException(name + ": the gradient of parameter '" + p.name() + "' contains NaN at step "
            + (steps + 1) + "; check the model's inputs for NaN and lower the learning rate, or pass "
            + "{skipNanSteps: true} to skip such steps");
      }
    }
    if (!names.containsAll(restoredNames)) {
      throw new KilnException(name + ": the restored state is for parameters " + new TreeSet<>(restoredNames)
          + " but the step got " + new TreeSet<>(names) + "; restore state saved from the same model");
    }
    return sums;
  }

  /**
   * The sum of {@code g}'s squares, or of its magnitudes: NaN exactly when an element is. The step's one pass
   * over each gradient before any parameter changes, which {@code torch.optim} does not make.
   */
  static double checkSum(INDArray g, boolean squares) {
    return squares ? Level1.dot(g, g) : Level1.absoluteSum(g);
  }

  /** One parameter's update in place, at learning rate {@code lr}; {@code s.steps} counts this step. */
  abstract void update(Parameter p, Slots s, double lr);

  @Override
  public OptionalDouble learningRate() {
    return OptionalDouble.of(stepOptions.schedule().rate(lr, steps));
  }

  @Override
  public OptimizerState state() {
    Map<String, Double> scalars = new HashMap<>(Map.of("steps", (double) steps, "skippedSteps",
        (double) skippedSteps));
    Map<String, INDArray> tensors = new HashMap<>();
    slots.forEach((parameter, s) -> {
      scalars.put(parameter + "/step", (double) s.steps);
      s.saved.forEach((slot, buffer) -> tensors.put(parameter + "/" + slot, buffer.dup()));
    });
    return new OptimizerState(name, scalars, tensors);
  }

  @Override
  public void restore(OptimizerState state) {
    if (!state.optimizer().equals(name)) {
      throw new KilnException(name + " cannot restore the state of a '" + state.optimizer() + "' optimizer: "
          + "resume it with a '" + state.optimizer() + "' optimizer");
    }
    Map<String, Slots> restored = new HashMap<>();
    state.scalars().forEach((key, value) -> {
      if (key.contains("/")) {
        String[] parts = split(key);
        if (!parts[1].equals("step")) {
          throw new KilnException(name + " state has an unknown scalar '" + key + "'; restore a state that "
              + name + " saved");
        }
        restored.computeIfAbsent(parts[0], k -> new Slots()).steps = value.longValue();
      }
    });
    state.tensors().forEach((key, tensor) -> {
      String[] parts = split(key);
      restored.computeIfAbsent(parts[0], k -> new Slots()).saved.put(parts[1], tensor.dup());
    });
    steps = (long) state.scalar("steps");
    skippedSteps = (long) state.scalar("skippedSteps");
    slots = restored;
    restoredNames = Set.copyOf(restored.keySet());
  }

  private String[] split(String key) {
    int slash = key.lastIndexOf('/');
    if (slash <= 0 || slash == key.length() - 1) {
      throw new KilnException(name + " state entry '" + key + "' is not named '<parameter>/<slot>'; restore a "
          + "state that " + name + " saved");
    }
    return new String[] {key.substring(0, slash), key.substring(slash + 1)};
  }

  /** The slots of {@code p}, made on its first step, checked against its shape and type on every step. */
  private Slots slotsOf(Parameter p) {
    INDArray value = p.value();
    Slots s = slots.computeIfAbsent(p.name(), k -> new Slots());
    if (s.shape == null) {
      s.saved.replaceAll((slot, buffer) -> adopt(p, slot, buffer));
      s.shape = value.shape();
      s.type = value.dataType();
    } else if (!Arrays.equals(s.shape, value.shape()) || s.type != value.dataType()) {
      throw mismatch(p, Arrays.toString(s.shape) + " " + s.type);
    }
    s.value = value;
    return s;
  }

  /** A restored buffer in {@code p}'s type and layout, after checking its shape. */
  private INDArray adopt(Parameter p, String slot, INDArray buffer) {
    INDArray value = p.value();
    if (!Arrays.equals(buffer.shape(), value.shape())) {
      throw mismatch(p, Arrays.toString(buffer.shape()) + " (slot " + slot + ")");
    }
    INDArray typed = buffer.castTo(value.dataType());
    return typed.ordering() == value.ordering() ? typed : typed.dup(value.ordering());
  }

  private KilnException mismatch(Parameter p, String stateShape) {
    return new KilnException(name + ": parameter '" + p.name() + "' is " + Arrays.toString(p.value().shape()) + " "
        + p.value().dataType() + " but the optimizer's state for it is " + stateShape + "; use one optimizer "
        + "per model and restore state saved from the same model");
  }

  /**
   * The gradient plus {@code weightDecay · θ} (the gradient of the L2 penalty {@code weightDecay/2 · ‖θ‖²}) in
   * scratch buffer 0, or the gradient itself when {@code weightDecay} is 0.
   */
  static INDArray withWeightDecay(Parameter p, Slots s, double weightDecay) {
    if (weightDecay == 0) {
      return p.gradient();
    }
    INDArray d = s.scratch(0);
    Level1.copy(p.gradient(), d);
    Level1.axpy(weightDecay, p.value(), d);
    return d;
  }

  @Override
  public String toString() {
    return name + " " + options + " " + stepOptions;
  }
}
