package dev.kiln.io;

import dev.kiln.api.Optimizer;
import dev.kiln.api.OptimizerProvider;
import dev.kiln.api.Option;
import dev.kiln.api.Params;
import dev.kiln.api.Schema;
import dev.kiln.api.train.OptimizerState;
import dev.kiln.api.train.Parameter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A test optimizer with state: a running sum of gradients per parameter, and a step count. */
final class DecayOptimizer implements Optimizer {
  static final Option<Double> RATE = Option.real("rate", 0.1, "step size");
  private final double rate;
  private final Map<String, INDArray> sums = new LinkedHashMap<>();
  private long steps;

  DecayOptimizer(double rate) {
    this.rate = rate;
  }

  @Override
  public void step(List<Parameter> parameters) {
    steps++;
    for (Parameter p : parameters) {
      INDArray sum = sums.computeIfAbsent(p.name(), k -> p.value().ulike().assign(0));
      sum.addi(p.gradient());
      p.value().subi(sum.mul(rate / steps));
    }
  }

  @Override
  public OptimizerState state() {
    Map<String, INDArray> copies = new LinkedHashMap<>();
    sums.forEach((name, sum) -> copies.put(name + "/sum", sum.dup()));
    return new OptimizerState("decay-test", Map.of("steps", (double) steps), copies);
  }

  @Override
  public void restore(OptimizerState state) {
    steps = (long) state.scalar("steps");
    sums.clear();
    state.tensors().forEach((name, sum) -> sums.put(name.substring(0, name.indexOf('/')), sum.dup()));
  }

  /** The {@code decay-test} plugin. */
  public static final class Plugin implements OptimizerProvider {
    @Override
    public String name() {
      return "decay-test";
    }

    @Override
    public String summary() {
      return "test optimizer";
    }

    @Override
    public String description() {
      return "theta -= rate * mean of the gradients so far. Source: this test.";
    }

    @Override
    public Schema schema() {
      return Schema.of(RATE);
    }

    @Override
    public Optimizer create(Params params) {
      return new DecayOptimizer(params.get(RATE));
    }
  }
}
