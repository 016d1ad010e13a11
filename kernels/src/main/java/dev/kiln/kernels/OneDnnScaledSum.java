package dev.kiln.kernels;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_ATTR_INPUT_SCALES;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC_0;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC_1;
import static org.bytedeco.dnnl.global.dnnl.DNNL_RUNTIME_F32_VAL;

import org.bytedeco.dnnl.binary;
import org.bytedeco.dnnl.global.dnnl.algorithm;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.primitive_attr;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * oneDNN's binary addition with scales given on each call, {@code y := α·x + β·y} on flat float32 buffers of
 * one length: one primitive per length serves every pair of scalars (a learning rate that a schedule changes on
 * every step included). The scalars live in two one-float oneDNN buffers bound to the primitive's runtime
 * scales.
 *
 * <p>Source: oneDNN developer guide, "Binary" primitive and "Primitive Attributes: Quantization"
 * (<a href="https://oneapi-src.github.io/oneDNN/v2.5/dev_guide_binary.html">v2.5</a>).
 */
final class OneDnnScaledSum implements AutoCloseable {
  private final OneDnnCall call;
  private final memory alphaBuffer;
  private final memory betaBuffer;
  private final FloatPointer alpha;
  private final FloatPointer beta;

  private OneDnnScaledSum(OneDnnCall call, memory alphaBuffer, memory betaBuffer) {
    this.call = call;
    this.alphaBuffer = alphaBuffer;
    this.betaBuffer = betaBuffer;
    this.alpha = new FloatPointer(alphaBuffer.get_data_handle());
    this.beta = new FloatPointer(betaBuffer.get_data_handle());
  }

  /** The primitive for buffers of {@code length}; {@link OneDnn#DECLINED} where oneDNN has only its reference. */
  static AutoCloseable make(OneDnn dnn, long length) {
    float runtime = (float) DNNL_RUNTIME_F32_VAL();
    try (memory.desc flat = OneDnn.floats(memory.format_tag.a, length);
        memory.desc one = OneDnn.floats(memory.format_tag.a, 1);
        binary.desc desc = new binary.desc(algorithm.binary_add, flat, flat, flat);
        primitive_attr attributes = new primitive_attr()) {
      attributes.set_scales(DNNL_ARG_SRC_0, 0, new float[] {runtime});
      attributes.set_scales(DNNL_ARG_SRC_1, 0, new float[] {runtime});
      try (binary.primitive_desc made = new binary.primitive_desc(desc, attributes, dnn.cpu)) {
        if (OneDnn.referenceOnly(made)) {
          return OneDnn.DECLINED;
        }
        memory betaBuffer = new memory(one, dnn.cpu);
        memory alphaBuffer = new memory(one, dnn.cpu);
        OneDnnCall call = new OneDnnCall(dnn, new binary(made)).in(DNNL_ARG_SRC_0, flat).in(DNNL_ARG_SRC_1, flat)
            .out(DNNL_ARG_DST, flat).always(DNNL_ARG_ATTR_INPUT_SCALES | DNNL_ARG_SRC_0, betaBuffer)
            .always(DNNL_ARG_ATTR_INPUT_SCALES | DNNL_ARG_SRC_1, alphaBuffer);
        return new OneDnnScaledSum(call, alphaBuffer, betaBuffer);
      }
    }
  }

  /** {@code y := alpha·x + beta·y}, computed as {@code fl(fl(beta·y) + fl(alpha·x))}. */
  void run(float alphaValue, INDArray x, float betaValue, INDArray y) {
    alpha.put(0, alphaValue);
    beta.put(0, betaValue);
    call.run(y, x, y);
  }

  @Override
  public void close() {
    call.close();
    alphaBuffer.close();
    betaBuffer.close();
  }
}
