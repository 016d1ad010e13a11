package dev.kiln.classic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.api.KilnException;
import dev.kiln.api.Model;
import dev.kiln.api.train.Training;
import dev.kiln.data.Datasets;
import dev.kiln.optim.Sgd;
import dev.kiln.optim.SgdOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The models that fit by their own solver refuse an optimizer rather than ignore it. */
class OwnSolverTest {
  @Test
  void anOptimizerIsRefusedWithTheFix() {
    Training withSgd = Training.with(new Sgd(SgdOptions.of(0.1))).withEpochs(3);
    Map<String, Model> models = Map.of("kmeans", new KMeans(KMeansOptions.of(3)), "knn", new Knn(KnnOptions.of(3)),
        "knn-regressor", new KnnRegressor(KnnOptions.of(3)), "min-max", new MinMaxScaler(new MinMaxOptions(0, 1)),
        "standardize", new Standardize(new StandardizeOptions(true, true)));
    models.forEach((name, model) -> {
      KilnException e = assertThrows(KilnException.class, () -> model.fit(Datasets.load("iris"), withSgd));
      assertEquals(name + " fits without an optimizer (it has its own solver): leave the optimizer out of fit",
          e.getMessage());
    });
  }
}
