package dev.kiln.classic;

import dev.kiln.api.Classifier;
import dev.kiln.api.Model;
import dev.kiln.api.ModelProvider;
import dev.kiln.api.Params;
import dev.kiln.api.Schema;
import dev.kiln.api.data.Dataset;
import dev.kiln.api.train.Fit;
import dev.kiln.api.train.Training;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The k-nearest-neighbours classifier: a query takes the class with the largest vote among its {@code k}
 * nearest training rows,
 * <pre>  P(c | x) = Σ_{i ∈ N_k(x)} w_i [y_i = c] / Σ_{i ∈ N_k(x)} w_i,   ŷ = argmax_c P(c | x)</pre>
 * with {@code w_i = 1} ({@code uniform}) or {@code w_i = 1 / d(x, x_i)} ({@code distance}; when some neighbours
 * lie at distance 0, they get weight 1 and the others 0). A tie in the vote goes to the smallest class label.
 * The neighbours come from {@link Neighbors}: brute force in bounded blocks, boundary ties resolved as
 * scikit-learn's brute search resolves them. {@code fit} only stores the training rows (no copy of float64
 * data), as scikit-learn does.
 *
 * <p>Reference: Cover and Hart, "Nearest neighbor pattern classification", IEEE Trans. Inf. Theory 13(1),
 * 1967; scikit-learn 1.2 {@code sklearn.neighbors.KNeighborsClassifier} with {@code algorithm="brute"}.
 */
public final class Knn implements Classifier {
  private static final String NAME = "knn";
  private final KnnOptions options;
  private Neighbors neighbors;
  private INDArray trainLabels;
  private Classes classes;
  private int[] trainClasses;

  public Knn(KnnOptions options) {
    this.options = options;
  }

  public KnnOptions options() {
    return options;
  }

  @Override
  public Fit fit(Dataset train, Training how) {
    Inputs.withoutOptimizer(NAME, how);
    long start = System.nanoTime();
    INDArray y = Inputs.target(NAME, train.labels());
    keep(train, y, Classes.of(NAME, y));
    return new Fit(0, List.of(), 0, Duration.ofNanos(System.nanoTime() - start));
  }

  /** Keeps {@code train}, its labels {@code y} and their classes as the neighbours to search. */
  private void keep(Dataset train, INDArray y, Classes found) {
    classes = found;
    trainClasses = classes.indices(y);
    trainLabels = y;
    neighbors = Neighbors.over(NAME, train.features(), options);
  }

  @Override
  public INDArray predict(INDArray x) {
    double[][] votes = votes(x);
    int[] best = new int[votes.length];
    for (int i = 0; i < votes.length; i++) {
      for (int c = 1; c < votes[i].length; c++) {
        if (votes[i][c] > votes[i][best[i]]) {
          best[i] = c;
        }
      }
    }
    return classes.labels(best);
  }

  /** The weighted share of each class among the {@code k} neighbours, {@code [n, classes]}. */
  @Override
  public INDArray predictProba(INDArray x) {
    double[][] votes = votes(x);
    for (double[] row : votes) {
      double total = 0;
      for (double v : row) {
        total += v;
      }
      for (int c = 0; c < row.length; c++) {
        row[c] /= total == 0 ? 1 : total;
      }
    }
    return Nd4j.createFromArray(votes);
  }

  /** Each query's summed neighbour weights per class, accumulated nearest first as scikit-learn does. */
  private double[][] votes(INDArray x) {
    requireFitted();
    Neighbors.Found found = neighbors.search(Inputs.matrix(NAME, x, neighbors.width()), options.k());
    double[][] votes = new double[found.indices().length][classes.size()];
    for (int i = 0; i < votes.length; i++) {
      double[] weights = found.weights(i, options.distanceWeighted());
      int[] nearest = found.indices()[i];
      for (int j = 0; j < nearest.length; j++) {
        votes[i][trainClasses[nearest[j]]] += weights[j];
      }
    }
    return votes;
  }

  @Override
  public Map<String, Object> attributes() {
    return neighbors == null ? Map.of() : Map.of("classes", classes.values(), "rows", neighbors.size());
  }

  /** The training rows {@code x [n, d]} and their labels {@code y [n]}. */
  @Override
  public Map<String, INDArray> state() {
    requireFitted();
    return Map.of("x", neighbors.train(), "y", trainLabels);
  }

  @Override
  public void restore(Map<String, INDArray> state) {
    Dataset stored = Neighbors.stored(NAME, state);
    INDArray y = Inputs.target(NAME, stored.labels());
    keep(stored, y, Classes.saved(NAME, y));
  }

  private void requireFitted() {
    if (neighbors == null) {
      throw Inputs.notFitted(NAME);
    }
  }

  /** The {@code knn} plugin. */
  public static final class Plugin implements ModelProvider {
    @Override
    public String name() {
      return NAME;
    }

    @Override
    public String summary() {
      return "k-nearest-neighbours classifier: uniform or 1/d votes; euclidean, manhattan or cosine distance";
    }

    @Override
    public String description() {
      return """
          Classifies x by the vote of its k nearest training rows: P(c | x) = sum of w_i over neighbours of
          class c / sum of w_i, with w_i = 1 (uniform) or 1 / d(x, x_i) (distance; neighbours at distance 0
          take all the weight); ties in the vote go to the smallest class. Brute-force search in blocks of
          bounded memory (one GEMM per block for euclidean and cosine), boundary ties broken as scikit-learn's
          heap does. predictProba gives P(c | x) with classes in sorted order.
          Reference: Cover and Hart, Nearest neighbor pattern classification, 1967; scikit-learn 1.2
          KNeighborsClassifier(algorithm="brute").
          """;
    }

    @Override
    public Schema schema() {
      return KnnOptions.SCHEMA;
    }

    @Override
    public Model create(Params params) {
      return new Knn(KnnOptions.from(params));
    }
  }
}
