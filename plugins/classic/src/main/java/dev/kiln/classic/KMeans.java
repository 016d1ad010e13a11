package dev.kiln.classic;

import dev.kiln.api.KilnException;
import dev.kiln.api.Model;
import dev.kiln.api.ModelProvider;
import dev.kiln.api.Params;
import dev.kiln.api.Schema;
import dev.kiln.api.Transformer;
import dev.kiln.api.data.Dataset;
import dev.kiln.api.train.Fit;
import dev.kiln.api.train.Training;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * k-means clustering: minimise the inertia {@code Σ_i ||x_i − c_{l(i)}||²} by {@link Lloyd}'s iterations from
 * {@code nInit} seeded initialisations ({@link KMeansPlusPlus} or {@code k} distinct random rows), keeping the
 * run of lowest inertia, as scikit-learn 1.2's {@code KMeans(algorithm="lloyd")}: the rows are centred first,
 * and {@code tol} is scaled by the mean feature variance. {@code predict} gives each row's nearest center,
 * {@code transform} the euclidean distances to all of them.
 *
 * <p>Reference: S. Lloyd, "Least squares quantization in PCM", IEEE Trans. Inf. Theory 28(2), 1982; Arthur and
 * Vassilvitskii, "k-means++: the advantages of careful seeding", SODA 2007; scikit-learn 1.2
 * {@code sklearn.cluster.KMeans}.
 */
public final class KMeans implements Transformer {
  private static final String NAME = "kmeans";
  private final KMeansOptions options;
  private INDArray centers;
  private INDArray labels;
  private double inertia;
  private int iterations;

  public KMeans(KMeansOptions options) {
    this.options = options;
  }

  public KMeansOptions options() {
    return options;
  }

  @Override
  public Fit fit(Dataset train, Training how) {
    Inputs.withoutOptimizer(NAME, how);
    long start = System.nanoTime();
    try (Lloyd lloyd = lloyd(train)) {
      INDArray rows = lloyd.centred();
      INDArray norms = Rows.squaredNorms(rows);
      Random random = new Random(options.seed());
      Lloyd.Run best = null;
      for (int i = 0; i < options.nInit(); i++) {
        int[] chosen = options.init().equals("random") ? distinctRows((int) rows.size(0), options.k(), random)
            : KMeansPlusPlus.rows(rows, norms, options.k(), random);
        Lloyd.Run run = lloyd.run(rows.getRows(chosen).dup('c').data().asDouble(), how.cancellation());
        if (best == null || run.inertia() < best.inertia()) {
          best = run;
        }
      }
      return keep(best, lloyd.mean(), start);
    }
  }

  /**
   * One run of Lloyd's algorithm from the given initial centers {@code [k, d]} (scikit-learn's
   * {@code init=array}, {@code n_init=1}): with the same centers, the same labels and iterations as
   * scikit-learn.
   */
  public Fit fitFrom(Dataset train, INDArray initialCenters, Training how) {
    Inputs.withoutOptimizer(NAME, how);
    long start = System.nanoTime();
    try (Lloyd lloyd = lloyd(train)) {
      long d = lloyd.centred().size(1);
      if (initialCenters.rank() != 2 || initialCenters.size(0) != options.k() || initialCenters.size(1) != d) {
        throw new KilnException("kmeans: initial centers must be [k, d] = [" + options.k() + ", " + d
            + "], got " + Arrays.toString(initialCenters.shape()));
      }
      INDArray init = Inputs.matrix(NAME, initialCenters).subRowVector(lloyd.mean());
      return keep(lloyd.run(init.dup('c').data().asDouble(), how.cancellation()), lloyd.mean(), start);
    }
  }

  /** Lloyd's iterations over the training rows, which must be at least {@code k}. */
  private Lloyd lloyd(Dataset train) {
    INDArray x = Inputs.matrix(NAME, train.features());
    if (options.k() > x.size(0)) {
      throw new KilnException("kmeans: k = " + options.k() + " clusters, but the data have only " + x.size(0)
          + " rows; use k <= " + x.size(0));
    }
    return new Lloyd(x, options.k(), options.maxIter(), options.tol());
  }

  private Fit keep(Lloyd.Run run, INDArray mean, long start) {
    int k = options.k();
    centers = Nd4j.createFromArray(run.centers()).reshape(k, run.centers().length / k).addRowVector(mean);
    labels = run.labels();
    inertia = run.inertia();
    iterations = run.iterations();
    return new Fit(iterations, List.of(), inertia, Duration.ofNanos(System.nanoTime() - start));
  }

  /** {@code k} distinct row indices in random order (a partial Fisher–Yates shuffle). */
  private static int[] distinctRows(int n, int k, Random random) {
    int[] order = IntStream.range(0, n).toArray();
    for (int i = 0; i < k; i++) {
      int j = i + random.nextInt(n - i);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return Arrays.copyOf(order, k);
  }

  /** The index of each row's nearest center, as a float64 vector {@code [n]}. */
  @Override
  public INDArray predict(INDArray x) {
    INDArray scores = Inputs.matrix(NAME, x, width()).mmul(centers.transpose()).muli(2)
        .subiRowVector(Rows.squaredNorms(centers));
    return Nd4j.argMax(scores, 1).castTo(DataType.DOUBLE).reshape(x.size(0));
  }

  /** The euclidean distance of each row to each center, {@code [n, k]} (scikit-learn's {@code transform}). */
  @Override
  public INDArray transform(INDArray x) {
    INDArray rows = Inputs.matrix(NAME, x, width());
    return Transforms.sqrt(Rows.squaredDistances(rows, centers, Rows.squaredNorms(centers)), false);
  }

  private long width() {
    if (centers == null) {
      throw Inputs.notFitted(NAME);
    }
    return centers.size(1);
  }

  /**
   * {@code centers [k, d]}, {@code inertia}, {@code iterations} (of the kept run) and the training
   * {@code labels [n]}.
   */
  @Override
  public Map<String, Object> attributes() {
    if (centers == null) {
      return Map.of();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("centers", centers);
    out.put("inertia", inertia);
    out.put("iterations", iterations);
    out.put("labels", labels);
    return out;
  }

  @Override
  public Map<String, INDArray> state() {
    width();
    return Map.of("centers", centers, "labels", labels, "inertia", Nd4j.scalar(inertia),
        "iterations", Nd4j.scalar((double) iterations));
  }

  @Override
  public void restore(Map<String, INDArray> state) {
    INDArray c = state.get("centers");
    if (c == null || c.rank() != 2 || c.size(0) != options.k() || !state.keySet().containsAll(
        List.of("labels", "inertia", "iterations"))) {
      throw new KilnException("kmeans state needs centers [" + options.k() + ", d], labels, inertia and "
          + "iterations, got " + (c == null ? "no centers" : "centers " + Arrays.toString(c.shape())));
    }
    centers = c.castTo(DataType.DOUBLE);
    labels = state.get("labels").castTo(DataType.DOUBLE);
    inertia = state.get("inertia").getDouble(0);
    iterations = (int) state.get("iterations").getDouble(0);
  }

  /** The {@code kmeans} plugin. */
  public static final class Plugin implements ModelProvider {
    @Override
    public String name() {
      return NAME;
    }

    @Override
    public String summary() {
      return "k-means clustering (Lloyd's algorithm, k-means++ seeding); transform gives distances to centers";
    }

    @Override
    public String description() {
      return """
          Minimises the inertia sum_i ||x_i - c_l(i)||^2 by Lloyd's iterations: assign each row to its
          nearest center (argmax of 2 x.c - ||c||^2, by GEMM on blocks of rows in parallel), move each center
          to the mean of its rows (sums updated by the rows whose label changed). nInit runs from greedy
          k-means++ seeds (or random rows); the run of lowest inertia is kept. A run stops when no label
          changes or when the squared center shift is at most tol * mean feature variance; an empty cluster
          takes the row farthest from its center.
          predict gives the nearest center, transform the distances to every center; attributes: centers,
          inertia, iterations, labels.
          Reference: Lloyd, Least squares quantization in PCM, 1982; Arthur and Vassilvitskii, k-means++,
          SODA 2007; scikit-learn 1.2 KMeans(algorithm="lloyd").
          """;
    }

    @Override
    public Schema schema() {
      return KMeansOptions.SCHEMA;
    }

    @Override
    public Model create(Params params) {
      return new KMeans(KMeansOptions.from(params));
    }
  }
}
