package dev.kiln.kernels;

import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.primitive;
import org.bytedeco.dnnl.reorder;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A oneDNN primitive with its arguments, in the order a call passes its arrays: each bound to the caller's
 * buffer (described by the layout the caller's array has), and, where the primitive wants another layout, to
 * a buffer of that layout with the reorder between the two, run before the primitive for inputs and after it
 * for outputs. Owns the primitive and everything it made; belongs to one thread's {@link OneDnn} context.
 */
final class OneDnnCall implements AutoCloseable {
  private final OneDnn dnn;
  private final primitive primitive;
  private final IntMemoryMap arguments = new IntMemoryMap();
  private final List<memory> callers = new ArrayList<>();
  private final List<memory> used = new ArrayList<>();
  private final List<reorder> reorders = new ArrayList<>();
  private final List<Boolean> inputs = new ArrayList<>();

  OneDnnCall(OneDnn dnn, primitive primitive) {
    this.dnn = dnn;
    this.primitive = primitive;
  }

  /** Adds an input in the caller's {@code layout}, which the primitive takes as it is. */
  OneDnnCall in(int argument, memory.desc layout) {
    return add(argument, layout, layout, true);
  }

  /** Adds an input in the caller's {@code layout}, reordered to {@code wanted} where that differs. */
  OneDnnCall in(int argument, memory.desc layout, memory.desc wanted) {
    return add(argument, layout, wanted, true);
  }

  /** Adds an output in the caller's {@code layout}, which the primitive writes as it is. */
  OneDnnCall out(int argument, memory.desc layout) {
    return add(argument, layout, layout, false);
  }

  /** Adds an output the primitive writes in {@code wanted}, reordered to the caller's {@code layout}. */
  OneDnnCall out(int argument, memory.desc layout, memory.desc wanted) {
    return add(argument, layout, wanted, false);
  }

  /** Binds {@code argument} to {@code fixed} on every call (a buffer the caller keeps, such as a workspace). */
  OneDnnCall always(int argument, memory fixed) {
    arguments.put(argument, fixed);
    return this;
  }

  private OneDnnCall add(int argument, memory.desc layout, memory.desc wanted, boolean input) {
    memory caller = new memory(layout, dnn.cpu, null);
    memory inner = caller;
    reorder change = null;
    if (!wanted.equals(layout)) {
      inner = new memory(wanted, dnn.cpu);
      change = input ? new reorder(caller, inner) : new reorder(inner, caller);
    }
    arguments.put(argument, inner);
    callers.add(caller);
    used.add(inner);
    reorders.add(change);
    inputs.add(input);
    return this;
  }

  /** Runs on {@code arrays}, one per argument in the order they were added, and waits for the result. */
  void run(INDArray... arrays) {
    for (int i = 0; i < arrays.length; i++) {
      callers.get(i).set_data_handle(arrays[i].data().addressPointer());   // a view's buffer starts at it
      if (inputs.get(i) && reorders.get(i) != null) {
        reorders.get(i).execute(dnn.stream, callers.get(i), used.get(i));
      }
    }
    primitive.execute(dnn.stream, arguments);
    for (int i = 0; i < arrays.length; i++) {
      if (!inputs.get(i) && reorders.get(i) != null) {
        reorders.get(i).execute(dnn.stream, used.get(i), callers.get(i));
      }
    }
    dnn.stream._wait();
    Reference.reachabilityFence(arrays);   // their buffers (copies made for this call) live until oneDNN is done
  }

  @Override
  public void close() {
    arguments.close();
    for (int i = 0; i < callers.size(); i++) {
      if (reorders.get(i) != null) {
        reorders.get(i).close();
        used.get(i).close();
      }
      callers.get(i).close();
    }
    primitive.close();
  }
}
