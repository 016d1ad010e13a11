package dev.kiln.optim;

import dev.kiln.api.train.Parameter;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The ill-conditioned quadratic of {@code tools/reference/optim_torch.py}: a vector {@code v [4]} with gradient
 * {@code A v − b}, A symmetric with eigenvalues 10, 1, 0.1 and 0.01, and a matrix {@code M [2, 3]} with
 * element-wise gradient {@code C ⊙ M − D}.
 */
final class Quadratic implements Problem {
  static final double[][] A = {{8.7336, -1.3328, -1.8192, -2.4016}, {-1.3328, 0.7344, -0.0384, -0.0032},
      {-1.8192, -0.0384, 0.5824, 0.7152}, {-2.4016, -0.0032, 0.7152, 1.0596}};
  static final double[] B = {1.0, -2.0, 0.5, 1.5};
  static final double[] V0 = {0.5, -1.0, 2.0, -0.5};
  static final double[][] C = {{5.0, 0.5, 0.05}, {2.0, 0.2, 0.02}};
  static final double[][] D = {{1.0, -1.0, 0.5}, {0.3, 0.2, -0.1}};
  static final double[][] M0 = {{0.5, -0.5, 1.0}, {1.5, 0.0, -1.0}};

  private final INDArray a;
  private final INDArray b;
  private final INDArray c;
  private final INDArray d;
  private final Parameter v;
  private final Parameter m;

  Quadratic(DataType type) {
    a = Nd4j.createFromArray(A).castTo(type);
    b = Nd4j.createFromArray(B).castTo(type).reshape(4, 1);
    c = Nd4j.createFromArray(C).castTo(type);
    d = Nd4j.createFromArray(D).castTo(type);
    v = new Parameter("v", Nd4j.createFromArray(V0).castTo(type));
    m = new Parameter("M", Nd4j.createFromArray(M0).castTo(type));
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(v, m);
  }

  @Override
  public void computeGradients() {
    v.gradient().assign(a.mmul(v.value().reshape(4, 1)).subi(b).reshape(4));
    m.gradient().assign(c.mul(m.value()).subi(d));
  }
}
