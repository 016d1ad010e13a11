package dev.kiln.kernels;

import static dev.kiln.kernels.Float32.assertClose;
import static dev.kiln.kernels.Float32.random;
import static dev.kiln.kernels.Float32.wide;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.KilnException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The float32 oneDNN path of {@link Convolution2d} against its float64 path, ND4J's {@code conv2d} and
 * {@code conv2d_bp} ops (which plugins/nn's tests hold to PyTorch 1.13 and to central differences): outputs and
 * every gradient agree to 1e-5 relative to the largest value. The layers' own PyTorch comparisons
 * (plugins/nn ConvolutionTest) run the float32 path too.
 */
class Convolution2dTest {
  /** n, channels, height, width, out, kernel, stride, padding, dilation. */
  private static final int[][] SHAPES = {
      {64, 1, 28, 28, 6, 5, 1, 2, 1},     // LeNet's first layer
      {64, 6, 14, 14, 16, 5, 1, 0, 1},    // and its second
      {3, 2, 9, 7, 4, 3, 2, 1, 1},        // strided, a non-square image
      {2, 3, 8, 8, 5, 3, 1, 2, 2},        // dilated
      {1, 4, 5, 5, 3, 1, 1, 0, 1}};       // a 1x1 kernel on one image

  @Test
  void float32MatchesTheFloat64PathInEveryShape() {
    for (int[] s : SHAPES) {
      Convolution2d convolution = new Convolution2d(s[6], s[7], s[8]);
      assertTrue(new OneDnnConvolution.Shape(s[0], s[1], s[2], s[3], s[4], s[5], s[5], s[6], s[7], s[8]).fitsOneDnn());
      INDArray x = random(1, s[0], s[1], s[2], s[3]);
      INDArray w = random(2, s[4], s[1], s[5], s[5]);
      INDArray b = random(3, s[4]);
      INDArray y = convolution.forward(x, w, b);
      INDArray g = random(4, y.shape());
      Convolution2d.Gradients grads = convolution.backward(x, w, b, g, true);

      INDArray y64 = convolution.forward(wide(x), wide(w), wide(b));
      Convolution2d.Gradients grads64 = convolution.backward(wide(x), wide(w), wide(b), wide(g), true);
      String name = java.util.Arrays.toString(s);
      assertClose(y64, y, name + " output");
      assertClose(grads64.input(), grads.input(), name + " input gradient");
      assertClose(grads64.weight(), grads.weight(), name + " weight gradient");
      assertClose(grads64.bias(), grads.bias(), name + " bias gradient");
    }
  }

  @Test
  void aBatchTooLargeToCacheRunsOnPrimitivesMadeForTheCall() {
    OneDnnConvolution.Shape shape = new OneDnnConvolution.Shape(600, 1, 28, 28, 6, 5, 5, 1, 2, 1);
    assertTrue(shape.bufferBytes() > OneDnn.CACHED_BYTES);
    Convolution2d convolution = new Convolution2d(1, 2, 1);
    INDArray x = random(30, 600, 1, 28, 28);
    INDArray w = random(31, 6, 1, 5, 5);
    INDArray b = random(32, 6);
    INDArray y = convolution.forward(x, w, b);
    assertClose(convolution.forward(wide(x), wide(w), wide(b)), y, "a large batch");
    INDArray g = random(33, y.shape());
    assertClose(convolution.backward(wide(x), wide(w), wide(b), wide(g), false).weight(),
        convolution.backward(x, w, b, g, false).weight(), "its weight gradient");
  }

  @Test
  void theWeightGradientAloneEqualsTheFullBackward() {
    Convolution2d convolution = new Convolution2d(1, 2, 1);
    INDArray x = random(5, 8, 1, 12, 12);
    INDArray w = random(6, 6, 1, 5, 5);
    INDArray b = random(7, 6);
    INDArray g = random(8, convolution.forward(x, w, b).shape());
    Convolution2d.Gradients all = convolution.backward(x, w, b, g, true);
    Convolution2d.Gradients weights = convolution.backward(x, w, b, g, false);
    assertNotNull(all.input());
    assertNull(weights.input());
    assertEquals(all.weight(), weights.weight());
    assertEquals(all.bias(), weights.bias());
  }

  @Test
  void viewsAndShapesOneDnnCannotTakeGiveTheSameResults() {
    // a channels-last batch seen as NCHW: strided, copied before oneDNN takes it
    Convolution2d convolution = new Convolution2d(1, 1, 1);
    INDArray channelsLast = random(9, 4, 6, 6, 3);
    INDArray x = channelsLast.permute(0, 3, 1, 2);
    INDArray w = random(10, 2, 3, 3, 3);
    INDArray b = random(11, 2);
    assertClose(convolution.forward(wide(x), wide(w), wide(b)), convolution.forward(x, w, b), "a permuted view");

    // stride 2 over 6 rows with a 3x3 kernel and no padding skips the last row: ND4J's path takes it
    Convolution2d skipping = new Convolution2d(2, 0, 1);
    assertFalse(new OneDnnConvolution.Shape(1, 3, 6, 6, 2, 3, 3, 2, 0, 1).fitsOneDnn());
    INDArray image = random(12, 1, 3, 6, 6);
    INDArray y = skipping.forward(image, w, b);
    assertEquals(java.util.List.of(1L, 2L, 2L, 2L), java.util.Arrays.stream(y.shape()).boxed().toList());
    assertClose(skipping.forward(wide(image), wide(w), wide(b)), y, "a skipping stride");
    assertTrue(new OneDnnConvolution.Shape(64, 1, 28, 28, 6, 5, 5, 1, 2, 1).fitsOneDnn());
  }

  @Test
  void shapesThatDoNotFitAreNamedBeforeAnyKernelRuns() {
    Convolution2d convolution = new Convolution2d(1, 0, 1);
    INDArray w = random(20, 6, 1, 5, 5);
    assertEquals("conv2d takes weights [out, in, kH, kW] and a bias [out], got [6, 1, 5, 5] and [5]",
        assertThrows(KilnException.class, () -> convolution.forward(random(21, 2, 1, 8, 8), w, random(22, 5)))
            .getMessage());
    INDArray b = random(23, 6);
    assertEquals("conv2d takes images [n, 1, height, width], got shape [2, 3, 8, 8]", assertThrows(
        KilnException.class, () -> convolution.forward(random(24, 2, 3, 8, 8), w, b)).getMessage());
    assertEquals("conv2d: a 5x5 kernel (dilation 1) does not fit images of 3x3 with padding 0; pad more or use a "
        + "smaller kernel", assertThrows(KilnException.class, () -> convolution.forward(random(25, 2, 1, 3, 3), w,
            b)).getMessage());
    INDArray x = random(26, 2, 1, 8, 8);
    assertEquals("conv2d: the output gradient is [2, 6, 3, 3] but the output is [2, 6, 4, 4]; pass the gradient of "
        + "this convolution's output", assertThrows(KilnException.class, () -> convolution.backward(x, w, b,
            random(27, 2, 6, 3, 3), true)).getMessage());
    INDArray none = Nd4j.create(DataType.FLOAT, 0, 1, 8, 8);
    assertEquals(0, convolution.forward(none, w, b).length(), "an empty batch");
  }

  @Test
  void invalidGeometryIsNamed() {
    assertEquals("conv2d: stride 0, padding -1, dilation 1 are invalid; need stride >= 1, padding >= 0, "
        + "dilation >= 1", assertThrows(KilnException.class, () -> new Convolution2d(0, -1, 1)).getMessage());
  }
}
