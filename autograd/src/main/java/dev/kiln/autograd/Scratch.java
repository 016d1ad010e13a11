package dev.kiln.autograd;

import java.util.function.DoubleSupplier;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs one training step's forward and backward pass inside an ND4J memory workspace, so that the arrays the
 * ops allocate (activations, the tape's saved values, intermediate gradients) reuse one block of memory from
 * step to step instead of being allocated and freed each time. After the first steps the workspace has
 * learnt the size a step needs, and a step then allocates nothing from the system.
 *
 * <p>Everything allocated inside is invalid once the step returns: the step must leave its results in
 * arrays allocated outside (parameter gradients, running statistics) or return them as a {@code double}.
 * Parameters, their gradients and optimizer state are allocated outside any workspace.
 *
 * <p>Reference: Eclipse Deeplearning4j, "Workspaces" (ND4J memory management guide).
 */
public final class Scratch {
  private static final WorkspaceConfiguration CONFIGURATION = WorkspaceConfiguration.builder()
      .initialSize(0)
      .overallocationLimit(0.2)
      .policyAllocation(AllocationPolicy.OVERALLOCATE)
      .policyLearning(LearningPolicy.FIRST_LOOP)
      .policyReset(ResetPolicy.BLOCK_LEFT)
      .policySpill(SpillPolicy.REALLOCATE)
      .build();

  private Scratch() {}

  /** Runs {@code step} in the workspace {@code id} of this thread and returns its result. */
  public static double run(String id, DoubleSupplier step) {
    try (MemoryWorkspace workspace = Nd4j.getWorkspaceManager().getAndActivateWorkspace(CONFIGURATION, id)) {
      return step.getAsDouble();
    }
  }

  /** Frees this thread's workspace {@code id} (after training), if it exists; a later run makes a new one. */
  public static void release(String id) {
    if (Nd4j.getWorkspaceManager().checkIfWorkspaceExists(id)) {
      Nd4j.getWorkspaceManager().destroyWorkspace(Nd4j.getWorkspaceManager().getWorkspaceForCurrentThread(id));
    }
  }
}
