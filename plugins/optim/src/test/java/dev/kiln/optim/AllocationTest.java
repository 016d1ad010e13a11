package dev.kiln.optim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.Optimizer;
import dev.kiln.api.train.Parameter;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Steps allocate nothing proportional to the parameters: after two warm-up steps (which allocate the state),
 * five steps run inside an ND4J memory workspace, which counts every ND4J array created while it is open,
 * must allocate less than 1% of one parameter's bytes. The parameters cover the BLAS path (a contiguous
 * 1000 × 1000 float32 matrix) and the ND4J fallbacks (a Fortran-ordered matrix and a strided column view).
 */
class AllocationTest {
  static final List<Configured> CASES = List.of(
      new Configured(new Sgd.Plugin(), Map.of("momentum", 0.9, "nesterov", true, "weightDecay", 0.01)),
      new Configured(new Adagrad.Plugin(), Map.of("weightDecay", 0.01, "lrDecay", 0.1)),
      new Configured(new Adadelta.Plugin(), Map.of("weightDecay", 0.01)),
      new Configured(new RmsProp.Plugin(), Map.of("weightDecay", 0.01, "momentum", 0.9, "centered", true)),
      new Configured(new Adam.Plugin(), Map.of("weightDecay", 0.01, "amsgrad", true, "clipNorm", 1.0,
          "schedule", "cosine", "tMax", 10)),
      new Configured(new AdamW.Plugin(), Map.of("amsgrad", true)));

  @TestFactory
  Stream<DynamicTest> stepsAllocateNothingProportionalToTheParameters() {
    return CASES.stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
      Optimizer optimizer = c.create();
      Nd4j.getRandom().setSeed(7);
      Parameter big = new Parameter("big", Nd4j.rand(DataType.FLOAT, 1000, 1000));
      Parameter fortran = new Parameter("fortran", Nd4j.rand(DataType.FLOAT, 30, 40).dup('f'));
      Parameter column = new Parameter("column", Nd4j.rand(DataType.FLOAT, 50, 4).get(NDArrayIndex.all(),
          NDArrayIndex.point(2)));
      List<Parameter> parameters = List.of(big, fortran, column);
      parameters.forEach(p -> p.gradient().assign(Nd4j.rand(DataType.FLOAT, p.value().shape()).subi(0.5)));
      optimizer.step(parameters);
      optimizer.step(parameters);
      WorkspaceConfiguration counting = WorkspaceConfiguration.builder().initialSize(0)
          .policyAllocation(AllocationPolicy.STRICT).policyLearning(LearningPolicy.NONE).build();
      long allocated;
      try (MemoryWorkspace workspace = Nd4j.getWorkspaceManager().getAndActivateWorkspace(counting,
          "kiln-optim-allocation-test")) {
        for (int i = 0; i < 5; i++) {
          optimizer.step(parameters);
        }
        allocated = workspace.getThisCycleAllocations();
      }
      long parameterBytes = big.value().length() * 4;
      assertTrue(allocated < parameterBytes / 100, "5 steps allocated " + allocated + " bytes");
    }));
  }
}
