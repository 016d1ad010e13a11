package dev.kiln.api;

import static dev.kiln.api.Errors.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** The registry over providers found on the classpath (registered in this module's test resources). */
class RegistryTest {
  /** An optimizer provider with one option, registered in META-INF/services. */
  public static final class TestSgd implements OptimizerProvider {
    static final Option<Double> LR = Option.real("lr", 0.01, "learning rate").positive();

    @Override
    public String name() {
      return "test-sgd";
    }

    @Override
    public String summary() {
      return "plain gradient descent, for tests";
    }

    @Override
    public String description() {
      return "theta <- theta - lr * grad. Source: any textbook.";
    }

    @Override
    public Schema schema() {
      return Schema.of(LR);
    }

    @Override
    public Optimizer create(Params params) {
      return new Configured(params.get(LR));
    }
  }

  /** What {@link TestSgd} creates: an optimizer that remembers its learning rate. */
  record Configured(double lr) implements Optimizer {
    @Override
    public void step(List<dev.kiln.api.train.Parameter> parameters) {}
  }

  /** A metric provider scoring {@link Predictions}: the mean predicted value. */
  public static final class TestMean implements MetricProvider {
    @Override
    public String name() {
      return "test-mean";
    }

    @Override
    public String summary() {
      return "the mean prediction";
    }

    @Override
    public String description() {
      return "mean(predicted). Source: none.";
    }

    @Override
    public Schema schema() {
      return Schema.empty();
    }

    @Override
    public Class<?> inputType() {
      return Predictions.class;
    }

    @Override
    public Metric<?> create(Params params) {
      return (Metric<Predictions>) input -> Score.of(input.predicted().meanNumber().doubleValue());
    }
  }

  private final Registry registry = new Registry(new PluginLoader(RegistryTest.class.getClassLoader(), List.of()));

  @Test
  void classpathProvidersAreFoundWithTheirSource() {
    assertEquals(List.of(), registry.problems());
    assertEquals(List.of("test-sgd"), registry.names(Kind.OPTIMIZER));
    assertEquals(List.of("test-mean"), registry.names(Kind.METRIC));
    assertEquals(List.of(), registry.names(Kind.MODEL));
    PluginInfo sgd = registry.plugins().stream().filter(p -> p.name().equals("test-sgd")).findFirst().orElseThrow();
    assertEquals(Kind.OPTIMIZER, sgd.kind());
    assertEquals("plain gradient descent, for tests", sgd.summary());
    assertTrue(sgd.source().endsWith("test-classes/"), sgd.source());
    assertEquals("unknown", sgd.version());
    assertEquals(List.of(), registry.folders());
  }

  @Test
  void createsWithValidatedOptions() {
    assertEquals(new Configured(0.5), registry.optimizer("test-sgd", Map.of("lr", 0.5)));
    assertEquals(new Configured(0.01), registry.create(Kind.OPTIMIZER, "test-sgd", Map.of()));
    assertEquals("optimizer 'test-sgd': option 'lr' = -1.0 is out of range: must be > 0",
        expect(() -> registry.optimizer("test-sgd", Map.of("lr", -1))));
    expect(() -> registry.optimizer("test-sgd", Map.of("lrr", 0.1)),
        "optimizer 'test-sgd': unknown option 'lrr' (did you mean 'lr'?); valid options: lr");
  }

  @Test
  void originsAreKeptForWhatTheRegistryCreated() {
    Object made = registry.optimizer("test-sgd", Map.of("lr", 0.5));
    assertEquals("test-sgd", registry.origin(made).name());
    assertEquals(0.5, registry.origin(made).options().get("lr"));
    assertTrue(registry.originOf(new Configured(0.7)).isEmpty());
    assertEquals("this Configured was not created by this registry, which records each component's plugin and "
        + "options: create it with this registry's model(...), optimizer(...) or metric(...), or load it with "
        + "ModelFile.load(path, registry)", expect(() -> registry.origin(new Configured(0.7))));
  }

  @Test
  void unknownNamesSuggestAndSayWhereElseTheNameIs() {
    assertEquals("unknown optimizer 'test-sdg' (did you mean 'test-sgd'?); available: test-sgd",
        expect(() -> registry.optimizer("test-sdg", Map.of())));
    assertEquals("unknown optimizer 'test-mean' ('test-mean' is a metric); available: test-sgd",
        expect(() -> registry.optimizer("test-mean", Map.of())));
    expect(() -> registry.model("anything", Map.of()), "unknown model 'anything'; available: ");
    expect(() -> registry.decoder("beam", Map.of()), "unknown decoder 'beam'");
  }

  @Test
  void metricsCheckTheirInputType() {
    Metric<Predictions> mean = registry.metric("test-mean", Map.of(), Predictions.class);
    Predictions input = new Predictions(Nd4j.createFromArray(1.0, 2.0), Nd4j.createFromArray(2.0, 4.0));
    assertEquals(3.0, mean.score(input).value(), 1e-12);
    assertEquals("metric 'test-mean' scores Predictions, not String",
        expect(() -> registry.metric("test-mean", Map.of(), String.class)));
    expect(() -> new Predictions(Nd4j.zeros(DataType.DOUBLE, 3), Nd4j.zeros(DataType.DOUBLE, 2, 2)),
        "truth and prediction differ in length: truth [3], prediction [2, 2]");
  }

  @Test
  void findKindOfAndHelp() {
    Provider<?> provider = registry.find("test-mean").orElseThrow();
    assertInstanceOf(TestMean.class, provider);
    assertEquals(Kind.METRIC, registry.kindOf(provider));
    assertTrue(registry.find("nothing").isEmpty());
    String help = registry.provider(Kind.OPTIMIZER, "test-sgd").help();
    assertTrue(help.startsWith("test-sgd — plain gradient descent, for tests\n\n"), help);
    assertTrue(help.contains("Options:\n  lr ") && help.contains("learning rate"), help);
    assertThrows(IllegalArgumentException.class, () -> registry.kindOf(new Provider<String>() {
      public String name() { return "x"; }
      public String summary() { return "x"; }
      public String description() { return "x"; }
      public Schema schema() { return Schema.empty(); }
      public String create(Params params) { return "x"; }
    }));
  }

  @Test
  void reloadRescans() {
    List<PluginInfo> before = registry.plugins();
    registry.reload();
    assertEquals(before, registry.plugins());
  }

  @Test
  void defaultFoldersStartAtHomeAndEndWithTheExtraOnes() {
    List<Path> folders = PluginLoader.defaultFolders(List.of(Path.of("/opt/kiln-plugins")));
    assertEquals(Path.of(System.getProperty("user.home"), ".kiln", "plugins"), folders.get(0));
    assertEquals(Path.of("/opt/kiln-plugins"), folders.get(folders.size() - 1));
  }

  @Test
  void defaultFoldersAreAbsoluteAndListedOnce() {
    Path home = Path.of(System.getProperty("user.home"), ".kiln", "plugins").toAbsolutePath();
    Path relative = Path.of("kiln-plugins-here");
    List<Path> folders = PluginLoader.defaultFolders(List.of(Path.of("/opt/kiln-plugins"),
        Path.of("/opt/./kiln-plugins/"), relative, relative.toAbsolutePath(), home, Path.of("/opt/x/../kiln-plugins")));
    assertEquals(home, folders.get(0));
    assertEquals(List.of(Path.of("/opt/kiln-plugins"), relative.toAbsolutePath()),
        folders.subList(folders.size() - 2, folders.size()));
    assertEquals(folders.size(), Set.copyOf(folders).size(), folders.toString());
  }

  @Test
  void aFolderReachedThroughALinkIsScannedOnce(@TempDir Path dir) throws IOException {
    Path real = Files.createDirectories(dir.resolve("real/sub"));
    Path link = Files.createSymbolicLink(dir.resolve("link"), real);
    List<Path> folders = PluginLoader.defaultFolders(List.of(real, link, link.resolve("../real/sub")));
    assertEquals(List.of(real.toRealPath()), folders.subList(1, folders.size()));
  }

  @Test
  void kindsNameTheirServices() {
    assertEquals(OptimizerProvider.class, Kind.OPTIMIZER.service());
    assertEquals("decoder", Kind.DECODER.label());
    assertEquals("decoder.jar: no providers", new PluginProblem("decoder.jar", "", "no providers").toString());
    assertEquals("a.jar (x.Y): boom", new PluginProblem("a.jar", "x.Y", "boom").toString());
  }
}
