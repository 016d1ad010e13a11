package dev.kiln.nn;

import dev.kiln.api.KilnException;
import dev.kiln.autograd.Shapes;
import dev.kiln.autograd.Tensor;
import java.util.Arrays;

/**
 * Gives each row of a batch a shape: {@code [n, c·h·w] → [n, c, h, w]} turns flat image rows (as data sets
 * hold them) into NCHW images, {@code [n, t·f] → [n, t, f]} flat rows into sequences.
 *
 * <p>Reference: PyTorch 1.13 {@code torch.nn.Unflatten}.
 */
public final class Reshape implements Layer {
  private final long[] rowShape;

  /** Rows of shape {@code rowShape}. */
  public Reshape(long... rowShape) {
    this.rowShape = rowShape.clone();
  }

  @Override
  public Tensor forward(Tensor x, boolean training) {
    long size = Arrays.stream(rowShape).reduce(1, (p, q) -> p * q);
    if (x.rank() != 2 || x.size(1) != size) {
      throw new KilnException("rows of " + size + " values make " + Arrays.toString(rowShape) + ", got x of shape "
          + Arrays.toString(x.shape()) + "; pass [n, " + size + "]");
    }
    long[] shape = new long[rowShape.length + 1];
    shape[0] = x.size(0);
    System.arraycopy(rowShape, 0, shape, 1, rowShape.length);
    return Shapes.reshape(x, shape);
  }
}
