package dev.kiln.kernels;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.eltwise_forward;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.global.dnnl.algorithm;
import org.bytedeco.dnnl.global.dnnl.prop_kind;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.stream;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The oneDNN side of {@link Eltwise}: one CPU engine and stream, and the primitives made so far, each with the
 * memory objects its arguments are bound to, kept per operation and length (the most recently used
 * {@value #CACHED}; a primitive costs about 10 µs to make, a memory object 2 µs). Calls are serialised: the
 * memory objects are rebound to each call's buffers.
 */
final class OneDnn {
  private static final Logger LOG = LoggerFactory.getLogger(OneDnn.class);
  private static final int CACHED = 64;

  /** The engine and stream, or null when this is not the CPU backend or oneDNN failed to load. */
  private static final OneDnn INSTANCE = create();

  private final engine cpu;
  private final stream stream;
  private final Map<Key, Unary> unaries = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Key, Unary> eldest) {
      if (size() > CACHED) {
        eldest.getValue().close();
        return true;
      }
      return false;
    }
  };

  private OneDnn(engine cpu) {
    this.cpu = cpu;
    this.stream = new stream(cpu);
  }

  private static OneDnn create() {
    if (!Nd4j.getEnvironment().isCPU()) {
      return null;
    }
    try {
      return new OneDnn(new engine(engine.kind.cpu, 0));
    } catch (RuntimeException | LinkageError e) {
      LOG.warn("oneDNN did not load ({}); Kiln's element-wise kernels fall back to ND4J's slower ops", e.toString());
      return null;
    }
  }

  /** {@code out := √x} in oneDNN, returning false (and doing nothing) where oneDNN cannot take the arrays. */
  static boolean sqrt(INDArray x, INDArray out) {
    if (INSTANCE == null || !Eltwise.flatFloats(x, out)) {
      return false;
    }
    INSTANCE.unary(algorithm.eltwise_sqrt, x, out);
    return true;
  }

  private synchronized void unary(algorithm op, INDArray x, INDArray out) {
    Unary u = unaries.computeIfAbsent(new Key(op.value, x.length()), k -> new Unary(op, k.length()));
    u.source.set_data_handle(address(x));
    u.destination.set_data_handle(address(out));
    u.primitive.execute(stream, u.arguments);
    stream._wait();
  }

  /** {@code a}'s first element (ND4J gives a view its own buffer, which starts there). */
  private static Pointer address(INDArray a) {
    return a.data().addressPointer();
  }

  private record Key(int algorithm, long length) {}

  /** One element-wise primitive over {@code length} floats, with its source and destination memory. */
  private final class Unary {
    final eltwise_forward primitive;
    final memory source;
    final memory destination;
    final IntMemoryMap arguments = new IntMemoryMap();

    Unary(algorithm op, long length) {
      try (memory.desc flat = new memory.desc(new long[] {length}, memory.data_type.f32, memory.format_tag.a);
          eltwise_forward.desc desc = new eltwise_forward.desc(prop_kind.forward_inference, op, flat, 0f, 0f);
          eltwise_forward.primitive_desc made = new eltwise_forward.primitive_desc(desc, cpu)) {
        primitive = new eltwise_forward(made);
        source = new memory(flat, cpu, null);
        destination = new memory(flat, cpu, null);
      }
      arguments.put(DNNL_ARG_SRC, source);
      arguments.put(DNNL_ARG_DST, destination);
    }

    void close() {
      arguments.close();
      source.close();
      destination.close();
      primitive.close();
    }
  }
}
