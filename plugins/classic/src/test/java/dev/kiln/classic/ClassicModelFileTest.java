package dev.kiln.classic;

import dev.kiln.api.ModelProvider;
import dev.kiln.api.data.Dataset;
import dev.kiln.data.Datasets;
import dev.kiln.testkit.ModelFileContract;

/** Every model this module publishes survives a save and a load unchanged. */
class ClassicModelFileTest extends ModelFileContract {
  @Override
  protected Dataset sample(ModelProvider provider) {
    Dataset iris = Datasets.load("iris");
    return switch (provider.name()) {
      case "linear-regression", "knn-regressor" -> Dataset.of(iris.features().getColumns(0, 1, 2),
          iris.features().getColumn(3));
      default -> iris;
    };
  }
}
