package dev.kiln.kernels;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.primitive_desc_base;
import org.bytedeco.dnnl.stream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thread's oneDNN context: a CPU engine and stream, and the primitives made so far with the memory objects
 * their arguments are bound to ({@link OneDnnCall}), kept per operation and shape (the most recently used
 * {@value #CACHED}). Making a primitive costs from 10 µs (element-wise) to hundreds (a JIT-compiled
 * convolution), a memory object 2 µs; running a cached one costs about a microsecond more than its work, where
 * an ND4J op costs 5–40 µs. Each thread has its own context, since the cached memory objects are rebound to
 * each call's buffers: threads (a server predicting on many) run their kernels side by side.
 */
final class OneDnn {
  private static final Logger LOG = LoggerFactory.getLogger(OneDnn.class);
  private static final int CACHED = 128;
  /** The most bytes of buffers of its own that a cached primitive may hold. */
  static final long CACHED_BYTES = 64L << 20;

  /** What {@link #cached} gives for a shape oneDNN serves with no primitive, or only with its reference one. */
  static final AutoCloseable DECLINED = () -> { };

  /** Whether oneDNN serves this process: the CPU backend, and the library loads. */
  private static final boolean AVAILABLE = available();
  private static final ThreadLocal<OneDnn> CONTEXTS = ThreadLocal.withInitial(
      () -> AVAILABLE ? new OneDnn(new engine(engine.kind.cpu, 0)) : null);

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

  private static boolean available() {
    if (!Nd4j.getEnvironment().isCPU()) {
      return false;
    }
    try {
      new engine(engine.kind.cpu, 0).close();
      return true;
    } catch (RuntimeException | LinkageError e) {
      LOG.warn("oneDNN did not load ({}); Kiln's kernels fall back to ND4J's slower ops", e.toString());
      return false;
    }
  }

  /** This thread's context, or null where oneDNN cannot run (other backends, a failed load). */
  static OneDnn get() {
    return CONTEXTS.get();
  }

  /**
   * The cached primitive for {@code key}, made by {@code make} on first use; {@link #DECLINED} (kept too) when
   * oneDNN refuses to make it, and the caller then runs ND4J's op.
   */
  @SuppressWarnings("unchecked")
  <K> AutoCloseable cached(K key, Function<K, ? extends AutoCloseable> make) {
    return primitives.computeIfAbsent(key, k -> makeOrDecline((K) k, make));
  }

  private static <K> AutoCloseable makeOrDecline(K key, Function<K, ? extends AutoCloseable> make) {
    try {
      return make.apply(key);
    } catch (RuntimeException e) {   // "could not create a primitive descriptor ...": no implementation
      LOG.debug("oneDNN declined {}: {}", key, e.getMessage());
      return DECLINED;
    }
  }

  /**
   * What {@code use} makes of the primitive of {@code type} for {@code key}, or null when oneDNN declined to make
   * it (the caller then runs ND4J's op). The primitive is {@link #cached} when its own buffers (reordered
   * copies, workspaces) take at most {@value #CACHED_BYTES} bytes; a larger one (a whole data set in one batch)
   * is made for this call alone and closed after it, so that no cache keeps its buffers.
   */
  <K, P, T> T with(K key, long bytes, Class<P> type, Function<K, ? extends AutoCloseable> make,
      Function<P, T> use) {
    boolean cache = bytes <= CACHED_BYTES;
    AutoCloseable made = cache ? cached(key, make) : makeOrDecline(key, make);
    try {
      return type.isInstance(made) ? use.apply(type.cast(made)) : null;
    } finally {
      if (!cache && made != DECLINED) {
        try {
          made.close();
        } catch (Exception e) {
          throw new IllegalStateException("closing a oneDNN primitive failed", e);
        }
      }
    }
  }

  /** {@code a} itself when its elements lie contiguous in C order (as plain layouts take them), else such a copy. */
  static INDArray plain(INDArray a) {
    return a.ordering() == 'c' && a.elementWiseStride() == 1 ? a : a.dup('c');
  }

  /** A float32 memory descriptor of {@code dims} in {@code layout} ({@code any}: the primitive's choice). */
  static memory.desc floats(memory.format_tag layout, long... dims) {
    return new memory.desc(dims, memory.data_type.f32, layout);
  }

  /**
   * Whether oneDNN made {@code made} from its reference implementation only, which callers decline (a
   * column-major matmul output, say, runs 100 times slower than BLAS).
   */
  static boolean referenceOnly(primitive_desc_base made) {
    return made.impl_info_str().getString().startsWith("ref");
  }

  /** A float32 memory descriptor of {@code dims} with element {@code strides}. */
  static memory.desc strided(long[] dims, long[] strides) {
    return new memory.desc(dims, memory.data_type.f32, strides);
  }
}
