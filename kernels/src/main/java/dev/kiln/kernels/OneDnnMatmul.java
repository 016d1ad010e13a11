package dev.kiln.kernels;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;

import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.matmul;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.post_ops;
import org.bytedeco.dnnl.primitive_attr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One float32 matrix product's oneDNN primitive, {@code C := α·A·B + β·C} for one set of sizes, strides and
 * scalars, made once and cached by {@link OneDnn}: the scale α is the primitive's output scale, β·C its
 * {@code sum} post-op. Transposed operands are the same buffers described with swapped strides.
 */
final class OneDnnMatmul implements AutoCloseable {
  /** Sizes {@code [m, k]·[k, n]}, each operand's row and column strides (in elements), and the scalars. */
  record Shape(long m, long k, long n, long aRow, long aColumn, long bRow, long bColumn, long cRow, long cColumn,
      float alpha, float beta) {}

  private final matmul primitive;
  private final memory a;
  private final memory b;
  private final memory c;
  private final IntMemoryMap arguments = new IntMemoryMap();

  OneDnnMatmul(OneDnn dnn, Shape s) {
    try (memory.desc left = strided(s.m(), s.k(), s.aRow(), s.aColumn());
        memory.desc right = strided(s.k(), s.n(), s.bRow(), s.bColumn());
        memory.desc result = strided(s.m(), s.n(), s.cRow(), s.cColumn());
        matmul.desc desc = new matmul.desc(left, right, result);
        primitive_attr attributes = new primitive_attr();
        post_ops post = new post_ops()) {
      if (s.alpha() != 1f) {
        attributes.set_output_scales(0, new float[] {s.alpha()});
      }
      if (s.beta() != 0f) {
        post.append_sum(s.beta(), memory.data_type.f32);
        attributes.set_post_ops(post);
      }
      try (matmul.primitive_desc made = new matmul.primitive_desc(desc, attributes, dnn.cpu)) {
        primitive = new matmul(made);
      }
      a = new memory(left, dnn.cpu, null);
      b = new memory(right, dnn.cpu, null);
      c = new memory(result, dnn.cpu, null);
    }
    arguments.put(DNNL_ARG_SRC, a);
    arguments.put(DNNL_ARG_WEIGHTS, b);
    arguments.put(DNNL_ARG_DST, c);
  }

  /** {@code out := α·left·right + β·out}, on the buffers of arrays laid out as this primitive's shape says. */
  void run(OneDnn dnn, INDArray left, INDArray right, INDArray out) {
    a.set_data_handle(OneDnn.address(left));
    b.set_data_handle(OneDnn.address(right));
    c.set_data_handle(OneDnn.address(out));
    primitive.execute(dnn.stream, arguments);
    dnn.stream._wait();
  }

  private static memory.desc strided(long rows, long columns, long rowStride, long columnStride) {
    return new memory.desc(new long[] {rows, columns}, memory.data_type.f32, new long[] {rowStride, columnStride});
  }

  @Override
  public void close() {
    arguments.close();
    a.close();
    b.close();
    c.close();
    primitive.close();
  }
}
