package dev.kiln.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.io.Npz;
import dev.kiln.autograd.Tensor;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One case written by {@code tools/reference/torch_nn.py} (PyTorch 1.13, float32): inputs, parameters, the
 * upstream gradient, the output and every gradient, by name.
 */
record TorchCase(String name, Map<String, INDArray> arrays) {
  /**
   * The tolerance: {@code |ours − torch| ≤ 1e-5·max(1, |torch|) + 1e-6·max|torch array|}. The second term
   * allows for float32 round-off in sums of many terms, which scales with the largest terms, not with a small
   * result (a weight gradient of 0.0987 among gradients up to 39 is off by 1.6e-5 in PyTorch's own float32
   * result, by 2.8e-6 in Kiln's, against float64).
   */
  static final double TOLERANCE = 1e-5;
  static final double SCALE_TOLERANCE = 1e-6;

  static TorchCase load(String name) {
    try {
      Path path = Path.of(TorchCase.class.getResource("torch/" + name + ".npz").toURI());
      return new TorchCase(name, Npz.read(path));
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  INDArray get(String key) {
    INDArray array = arrays.get(key);
    if (array == null) {
      throw new IllegalArgumentException(name + " has no '" + key + "': " + arrays.keySet());
    }
    return array.castTo(DataType.FLOAT).dup('c');
  }

  /** A float32 leaf over a copy of {@code key}. */
  Tensor variable(String key) {
    return Tensor.variable(get(key));
  }

  /** Runs backward from {@code out} with the case's upstream gradient and checks the output. */
  void backwardAndCheck(Tensor out) {
    check("out", out.value());
    out.backward(get("upstream").reshape(out.shape()));
  }

  /** Checks {@code actual} against the array {@code key}. */
  void check(String key, INDArray actual) {
    INDArray expected = get(key);
    assertArrayEquals(expected.shape(), actual.shape(), name + " " + key + ": shape");
    float[] e = expected.data().asFloat();
    float[] a = actual.castTo(DataType.FLOAT).dup('c').data().asFloat();
    double scale = expected.length() == 0 ? 0 : expected.amaxNumber().doubleValue();
    for (int i = 0; i < e.length; i++) {
      double allowed = TOLERANCE * Math.max(1, Math.abs(e[i])) + SCALE_TOLERANCE * scale;
      assertTrue(Math.abs(e[i] - a[i]) <= allowed, name + " " + key + "[" + i + "]: torch " + e[i] + ", kiln "
          + a[i] + " (shape " + Arrays.toString(expected.shape()) + ", allowed " + allowed + ")");
    }
  }
}
