package dev.kiln.shell.js;

import java.util.Arrays;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Readable one-glance summaries of tensors for the REPL: shape, dtype and the first few values. */
public final class Tensors {
  private static final int PREVIEW = 6;

  private Tensors() {}

  /** {@code tensor [150, 4] float64 [[5.1, 3.5, 1.4, 0.2], [4.9, 3, 1.4, 0.2], …]}. */
  public static String summary(INDArray tensor) {
    return "tensor " + Arrays.toString(tensor.shape()) + " " + dtype(tensor) + " " + preview(tensor);
  }

  /** The dtype as PyTorch and NumPy name it: float64, float32, int64, bool, .... */
  public static String dtype(INDArray tensor) {
    return switch (tensor.dataType()) {
      case DOUBLE -> "float64";
      case FLOAT -> "float32";
      case HALF -> "float16";
      case LONG -> "int64";
      case INT -> "int32";
      case SHORT -> "int16";
      case BYTE -> "int8";
      case UBYTE -> "uint8";
      default -> tensor.dataType().name().toLowerCase(Locale.ROOT);
    };
  }

  private static String preview(INDArray tensor) {
    if (tensor.isEmpty()) {
      return "[]";
    }
    if (tensor.rank() == 0) {
      return number(tensor.getDouble(0));
    }
    long rows = tensor.size(0);
    StringBuilder out = new StringBuilder("[");
    for (long i = 0; i < Math.min(rows, PREVIEW); i++) {
      out.append(i == 0 ? "" : ", ").append(tensor.rank() == 1 ? number(tensor.getDouble(i))
          : preview(tensor.slice(i)));
    }
    return out.append(rows > PREVIEW ? ", …]" : "]").toString();
  }

  private static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return String.valueOf((long) v);
    }
    return String.format(Locale.ROOT, "%.6g", v).replaceAll("(\\.\\d*?)0+(e|$)", "$1$2").replace(".e", "e")
        .replaceAll("\\.$", "");
  }
}
