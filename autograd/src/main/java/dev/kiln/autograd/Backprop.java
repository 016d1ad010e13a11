package dev.kiln.autograd;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The backward pass: the tape of ops that lead to the root, in topological order (each op after every op
 * that produced one of its inputs, found by an iterative depth-first search, so deep graphs such as long
 * RNN unrolls do not overflow the stack), then each op's {@link Backward} in reverse order. By the time an
 * op runs, every consumer of its output has added its part, so its output gradient is complete.
 */
final class Backprop {
  private Backprop() {}

  static void run(Tensor root, INDArray gradient) {
    List<Tensor> tape = tape(root);
    root.accumulateGrad(gradient);
    for (int i = tape.size() - 1; i >= 0; i--) {
      Tensor node = tape.get(i);
      node.runBackward();
      node.releaseGrad();
    }
  }

  /** The ops that {@code root} depends on through tensors requiring gradients, inputs before outputs. */
  static List<Tensor> tape(Tensor root) {
    List<Tensor> order = new ArrayList<>();
    Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Tensor> stack = new ArrayDeque<>();
    Deque<Integer> next = new ArrayDeque<>();
    if (!root.isLeaf()) {
      stack.push(root);
      next.push(0);
      seen.add(root);
    }
    while (!stack.isEmpty()) {
      Tensor node = stack.peek();
      int i = next.pop();
      Tensor[] inputs = node.inputs();
      while (i < inputs.length && (inputs[i].isLeaf() || !inputs[i].requiresGrad() || seen.contains(inputs[i]))) {
        i++;
      }
      if (i < inputs.length) {
        next.push(i + 1);
        seen.add(inputs[i]);
        stack.push(inputs[i]);
        next.push(0);
      } else {
        order.add(stack.pop());
      }
    }
    return order;
  }
}
