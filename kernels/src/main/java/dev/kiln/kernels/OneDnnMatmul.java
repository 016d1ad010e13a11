package dev.kiln.kernels;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;

import org.bytedeco.dnnl.matmul;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.post_ops;
import org.bytedeco.dnnl.primitive_attr;

/**
 * The oneDNN primitive of one float32 matrix product, {@code C := α·A·B + β·C} for one set of sizes, strides
 * and scalars: α is the primitive's output scale, β·C its {@code sum} post-op. Transposed operands are the
 * same buffers described with swapped strides.
 */
final class OneDnnMatmul {
  private OneDnnMatmul() {}

  /** Sizes {@code [m, k]·[k, n]}, each operand's row and column strides (in elements), and the scalars. */
  record Shape(long m, long k, long n, long aRow, long aColumn, long bRow, long bColumn, long cRow, long cColumn,
      float alpha, float beta) {}

  /**
   * The primitive for {@code s}, called with {@code (a, b, c)}; {@link OneDnn#DECLINED} where oneDNN has only its
   * reference implementation (a column-major {@code C}, say: 100 times slower than a BLAS GEMM).
   */
  static AutoCloseable make(OneDnn dnn, Shape s) {
    try (memory.desc a = OneDnn.strided(new long[] {s.m(), s.k()}, new long[] {s.aRow(), s.aColumn()});
        memory.desc b = OneDnn.strided(new long[] {s.k(), s.n()}, new long[] {s.bRow(), s.bColumn()});
        memory.desc c = OneDnn.strided(new long[] {s.m(), s.n()}, new long[] {s.cRow(), s.cColumn()});
        matmul.desc desc = new matmul.desc(a, b, c);
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
        if (OneDnn.referenceOnly(made)) {
          return OneDnn.DECLINED;
        }
        return new OneDnnCall(dnn, new matmul(made)).in(DNNL_ARG_SRC, a).in(DNNL_ARG_WEIGHTS, b).out(DNNL_ARG_DST, c);
      }
    }
  }
}
