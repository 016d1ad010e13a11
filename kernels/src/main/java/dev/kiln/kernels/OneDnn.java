package dev.kiln.kernels;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
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
 * Kiln's oneDNN context: one CPU engine and stream, and the primitives made so far, each with the memory
 * objects its arguments are bound to, kept per operation and shape (the most recently used {@value #CACHED} of
 * each kind). Making a primitive costs from 10 µs (element-wise) to hundreds (a JIT-compiled convolution), a
 * memory object 2 µs; executing one costs under a microsecond more than its work. Calls are serialised on this
 * object: the stream and the cached memory objects are rebound to each call's buffers.
 */
final class OneDnn {
  private static final Logger LOG = LoggerFactory.getLogger(OneDnn.class);
  private static final int CACHED = 64;

  /** The context, or null when this is not the CPU backend or oneDNN failed to load. */
  private static final OneDnn INSTANCE = create();

  final engine cpu;
  final stream stream;
  private final Map<Object, AutoCloseable> primitives = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Object, AutoCloseable> eldest) {
      if (size() <= CACHED) {
        return false;
      }
      try {
        eldest.getValue().close();
      } catch (Exception e) {
        throw new IllegalStateException("closing a oneDNN primitive failed", e);
      }
      return true;
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
      LOG.warn("oneDNN did not load ({}); Kiln's kernels fall back to ND4J's slower ops", e.toString());
      return null;
    }
  }

  /** The context, or null where oneDNN cannot run (other backends, a failed load). */
  static OneDnn get() {
    return INSTANCE;
  }

  /** {@code out := √x} in oneDNN, returning false (and doing nothing) where oneDNN cannot take the arrays. */
  static boolean sqrt(INDArray x, INDArray out) {
    if (INSTANCE == null || !Eltwise.flatFloats(x, out)) {
      return false;
    }
    synchronized (INSTANCE) {
      Unary u = INSTANCE.cached(new UnaryKey(algorithm.eltwise_sqrt.value, x.length()),
          k -> INSTANCE.new Unary(algorithm.eltwise_sqrt, x.length()));
      u.source.set_data_handle(address(x));
      u.destination.set_data_handle(address(out));
      u.primitive.execute(INSTANCE.stream, u.arguments);
      INSTANCE.stream._wait();
    }
    return true;
  }

  /** The cached primitive for {@code key}, made by {@code make} on first use; the caller holds this lock. */
  @SuppressWarnings("unchecked")
  <K, P extends AutoCloseable> P cached(K key, Function<K, P> make) {
    return (P) primitives.computeIfAbsent(key, k -> make.apply((K) k));
  }

  /** {@code a}'s first element (ND4J gives a view its own buffer, which starts there). */
  static Pointer address(INDArray a) {
    return a.data().addressPointer();
  }

  /** A float32 memory descriptor of {@code dims} in {@code layout} ({@code any}: the primitive's choice). */
  static memory.desc floats(memory.format_tag layout, long... dims) {
    return new memory.desc(dims, memory.data_type.f32, layout);
  }

  private record UnaryKey(int algorithm, long length) {}

  /** One element-wise primitive over {@code length} floats, with its source and destination memory. */
  private final class Unary implements AutoCloseable {
    final eltwise_forward primitive;
    final memory source;
    final memory destination;
    final IntMemoryMap arguments = new IntMemoryMap();

    Unary(algorithm op, long length) {
      try (memory.desc flat = floats(memory.format_tag.a, length);
          eltwise_forward.desc desc = new eltwise_forward.desc(prop_kind.forward_inference, op, flat, 0f, 0f);
          eltwise_forward.primitive_desc made = new eltwise_forward.primitive_desc(desc, cpu)) {
        primitive = new eltwise_forward(made);
        source = new memory(flat, cpu, null);
        destination = new memory(flat, cpu, null);
      }
      arguments.put(DNNL_ARG_SRC, source);
      arguments.put(DNNL_ARG_DST, destination);
    }

    @Override
    public void close() {
      arguments.close();
      source.close();
      destination.close();
      primitive.close();
    }
  }
}
