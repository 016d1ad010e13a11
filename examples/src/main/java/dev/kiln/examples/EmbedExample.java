package dev.kiln.examples;

import com.google.inject.Guice;
import dev.kiln.api.Metric;
import dev.kiln.api.Model;
import dev.kiln.api.PluginLoader;
import dev.kiln.api.Predictions;
import dev.kiln.api.Registry;
import dev.kiln.api.data.Dataset;
import dev.kiln.api.train.Training;
import dev.kiln.inject.KilnModule;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A Java application that embeds Kiln: it gets a {@link Registry} two ways (plain Java, and from Guice with
 * {@link KilnModule}), trains a linear regression with an SGD optimizer plugin and with the closed form,
 * and scores both with the {@code mse} metric plugin. It only imports the API (and Guice); the plugins
 * are found on the classpath by {@link java.util.ServiceLoader}.
 */
public final class EmbedExample {
  private EmbedExample() {}

  public static void main(String[] args) {
    Registry plain = new Registry(new PluginLoader(EmbedExample.class.getClassLoader(), List.of()));
    Registry injected = Guice.createInjector(new KilnModule()).getInstance(Registry.class);
    System.out.println("plain registry: " + plain.plugins().size() + " plugins; Guice registry: "
        + injected.plugins().size() + " plugins");
    System.out.printf("SGD: mse %.3g; least squares: mse %.3g%n", train(plain, true), train(injected, false));
  }

  /** Fits y = 3 x0 - 2 x1 + 0.5 + noise and returns the training MSE. */
  static double train(Registry registry, boolean withSgd) {
    Random random = new Random(11);
    double[][] x = new double[500][2];
    double[] y = new double[500];
    for (int i = 0; i < x.length; i++) {
      x[i][0] = random.nextGaussian();
      x[i][1] = random.nextGaussian();
      y[i] = 3 * x[i][0] - 2 * x[i][1] + 0.5 + 0.01 * random.nextGaussian();
    }
    Dataset data = Dataset.of(Nd4j.createFromArray(x), Nd4j.createFromArray(y));
    Model model = registry.model("linear-regression", Map.of());
    Training how = withSgd
        ? Training.with(registry.optimizer("sgd", Map.of("lr", 0.05, "momentum", 0.9))).withEpochs(20).withSeed(1)
        : Training.defaults();
    model.fit(data, how);
    INDArray predicted = model.predict(data.features());
    Metric<Predictions> mse = registry.metric("mse", Map.of(), Predictions.class);
    return mse.score(new Predictions(data.labels(), predicted)).value();
  }
}
