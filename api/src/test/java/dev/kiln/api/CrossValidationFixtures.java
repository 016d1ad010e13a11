package dev.kiln.api;

import dev.kiln.api.data.Dataset;
import dev.kiln.api.train.Fit;
import dev.kiln.api.train.Training;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The data, models and metrics of the cross-validation and grid-search tests: scikit-learn's dummy estimators
 * and metrics, written out, on the integer-formula data of {@code tools/reference/cross_validation_sklearn.py}.
 */
final class CrossValidationFixtures {
  private CrossValidationFixtures() {}

  static final int N = 23;

  /** {@code x[i] = [i % 7, i / 2]}. */
  static INDArray features() {
    return Nd4j.createFromArray(IntStream.range(0, N).mapToObj(i -> new double[] {i % 7, i / 2.0})
        .toArray(double[][]::new));
  }

  /** {@code y[i] = (3 i % 11) / 2}. */
  static Dataset regression() {
    return Dataset.of(features(), Nd4j.createFromArray(IntStream.range(0, N).mapToDouble(i -> (3 * i % 11) / 2.0)
        .toArray()));
  }

  /** {@code c[i] = (i² + i) % 3}. */
  static Dataset classes() {
    return Dataset.of(features(), Nd4j.createFromArray(IntStream.range(0, N).mapToDouble(i -> (i * i + i) % 3)
        .toArray()));
  }

  /** A model predicting one number for every row, chosen at fit from the training labels. */
  abstract static class ConstantModel implements Model {
    private double value;

    abstract double choose(double[] labels);

    @Override
    public Fit fit(Dataset train, Training how) {
      value = choose(train.labels().toDoubleVector());
      return new Fit(0, List.of(), 0, Duration.ZERO);
    }

    @Override
    public INDArray predict(INDArray x) {
      return Nd4j.valueArrayOf(new long[] {x.rows()}, value, DataType.DOUBLE);
    }
  }

  /** {@code DummyRegressor()}: the training mean. */
  static Model meanRegressor() {
    return new ConstantModel() {
      @Override
      double choose(double[] labels) {
        return Arrays.stream(labels).average().orElseThrow();
      }
    };
  }

  /** {@code DummyClassifier(strategy="most_frequent")}: the most frequent class, the smallest on ties. */
  static Model mostFrequent() {
    return new ConstantModel() {
      @Override
      double choose(double[] labels) {
        double[] sorted = labels.clone();
        Arrays.sort(sorted);
        double best = sorted[0];
        long bestCount = 0;
        for (double label : sorted) {
          long count = Arrays.stream(labels).filter(v -> v == label).count();
          if (count > bestCount) {
            best = label;
            bestCount = count;
          }
        }
        return best;
      }
    };
  }

  /** {@code DummyRegressor(strategy="constant", constant=c)}. */
  static Model constant(double c) {
    return new ConstantModel() {
      @Override
      double choose(double[] labels) {
        return c;
      }
    };
  }

  /** Mean squared error. */
  static Metric<Predictions> mse() {
    return p -> Score.of(p.truth().sub(p.predicted()).norm2Number().doubleValue()
        * p.truth().sub(p.predicted()).norm2Number().doubleValue() / p.truth().length());
  }

  /** The fraction of equal values. */
  static Metric<Predictions> accuracy() {
    return p -> Score.of(p.truth().eq(p.predicted()).castTo(DataType.DOUBLE).meanNumber().doubleValue());
  }
}
