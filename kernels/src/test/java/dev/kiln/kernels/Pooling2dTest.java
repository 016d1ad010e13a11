package dev.kiln.kernels;

import static dev.kiln.kernels.Float32.assertClose;
import static dev.kiln.kernels.Float32.random;
import static dev.kiln.kernels.Float32.wide;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.KilnException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The float32 oneDNN path of {@link Pooling2d} against its float64 path, ND4J's pooling ops (which plugins/nn's
 * tests hold to PyTorch 1.13 and to central differences): outputs and input gradients agree to 1e-5.
 */
class Pooling2dTest {
  /** n, channels, height, width, kernel, stride, padding. */
  private static final int[][] SHAPES = {
      {64, 6, 28, 28, 2, 2, 0},    // LeNet's first pooling
      {64, 16, 10, 10, 2, 2, 0},   // and its second
      {3, 2, 9, 7, 3, 2, 1},       // overlapping, padded windows on a non-square image
      {2, 3, 5, 5, 1, 1, 0}};      // the identity

  @Test
  void float32MatchesTheFloat64PathInEveryShape() {
    for (boolean max : new boolean[] {true, false}) {
      for (int[] s : SHAPES) {
        Pooling2d pooling = new Pooling2d(max, s[4], s[5], s[6]);
        INDArray x = random(1, s[0], s[1], s[2], s[3]);
        INDArray y = pooling.forward(x);
        INDArray g = random(2, y.shape());
        String name = (max ? "max " : "avg ") + java.util.Arrays.toString(s);
        assertClose(pooling.forward(wide(x)), y, name + " output");
        assertClose(pooling.backward(wide(x), wide(g)), pooling.backward(x, g), name + " input gradient");
      }
    }
  }

  @Test
  void twoLayersOfOneShapeMayInterleave() {
    Pooling2d pooling = new Pooling2d(true, 2, 2, 0);
    INDArray first = random(3, 4, 3, 8, 8);
    INDArray second = random(4, 4, 3, 8, 8);
    INDArray g = random(5, 4, 3, 4, 4);
    INDArray alone = pooling.backward(first, g);
    pooling.forward(first);
    pooling.forward(second);           // the second layer's forward runs between the first's and its backward
    assertEquals(alone, pooling.backward(first, g));
  }

  @Test
  void aStrideThatSkipsTheLastRowTakesNd4jsPath() {
    OneDnnPooling.Shape skipping = new OneDnnPooling.Shape(true, 1, 1, 6, 6, 2, 2, 3, 2, 0);
    assertFalse(OneDnnPooling.fits(skipping));
    assertTrue(OneDnnPooling.fits(new OneDnnPooling.Shape(true, 64, 6, 28, 28, 14, 14, 2, 2, 0)));
    Pooling2d pooling = new Pooling2d(true, 3, 2, 0);
    INDArray x = random(6, 1, 1, 6, 6);
    assertClose(pooling.forward(wide(x)), pooling.forward(x), "a skipping stride");
  }

  @Test
  void invalidWindowsAreNamed() {
    assertEquals("avg-pool: kernel 2, stride 1, padding 2 are invalid; need kernel, stride >= 1 and 0 <= padding "
        + "<= kernel / 2", assertThrows(KilnException.class, () -> new Pooling2d(false, 2, 1, 2)).getMessage());
  }
}
