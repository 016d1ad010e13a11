package dev.kiln.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.Kind;
import dev.kiln.api.KilnException;
import dev.kiln.api.PluginInfo;
import dev.kiln.api.PluginLoader;
import dev.kiln.api.PluginProblem;
import dev.kiln.api.Registry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PluginLoader} and {@link Registry} over plugin folders holding jars built at test time: good jars
 * load with their source and version, and each kind of broken jar is reported and skipped while the others
 * still load.
 */
class PluginLoaderTest {
  private static final String OPTIMIZERS = Kind.OPTIMIZER.service().getName();

  @TempDir
  Path folder;

  private Registry registry() {
    return new Registry(new PluginLoader(null, List.of(folder)));
  }

  /** A good optimizer jar "good.jar" named "good", which every broken-jar test expects still to load. */
  private Path goodJar() {
    return PluginJars.providerJar(folder.resolve("good.jar"), "2.3.4", Kind.OPTIMIZER, "t.good.Good", "good");
  }

  /**
   * A jar {@code <pkg>.jar} holding optimizer {@code t.<pkg>.Bent}, named {@code pkg}, whose method declared
   * with {@code signature} (such as {@code "public String name()"}) is replaced by {@code method}.
   */
  private Path bentJar(String pkg, String signature, String method) {
    String className = "t." + pkg + ".Bent";
    String source = PluginJars.providerSource(Kind.OPTIMIZER, className, pkg)
        .replaceFirst("(?m)^" + Pattern.quote(signature) + ".*$", Matcher.quoteReplacement(method));
    return PluginJars.sourceJar(folder.resolve(pkg + ".jar"), "1", Kind.OPTIMIZER, className, source);
  }

  private static void assertOneLine(String message) {
    assertEquals(1, message.lines().count(), "not one line: " + message);
  }

  private static PluginProblem onlyProblem(Registry registry) {
    assertEquals(1, registry.problems().size(), "problems: " + registry.problems());
    PluginProblem problem = registry.problems().get(0);
    assertOneLine(problem.toString());
    return problem;
  }

  private static void assertStillLoads(Registry registry, Path good) {
    assertEquals(List.of("good"), registry.names(Kind.OPTIMIZER), "the good plugin must still load");
    assertEquals(good.toString(), registry.plugins().stream().filter(p -> p.name().equals("good"))
        .findFirst().orElseThrow().source());
  }

  @Test
  void findsAJarBuiltAtTestTimeWithKindNameSourceAndVersion() {
    Path good = goodJar();
    Path metric = PluginJars.providerJar(folder.resolve("metric.jar"), null, Kind.METRIC, "t.m.Acc", "acc");
    Path model = PluginJars.providerJar(folder.resolve("model.jar"), "0.1", Kind.MODEL, "t.mo.Mo", "mo");
    Path decoder = PluginJars.providerJar(folder.resolve("decoder.jar"), "9", Kind.DECODER, "t.d.De", "de");
    Registry registry = registry();
    assertEquals(List.of(), registry.problems());
    assertEquals(List.of(
        new PluginInfo(Kind.MODEL, "mo", "generated model mo", model.toString(), "0.1"),
        new PluginInfo(Kind.OPTIMIZER, "good", "generated optimizer good", good.toString(), "2.3.4"),
        new PluginInfo(Kind.METRIC, "acc", "generated metric acc", metric.toString(), "unknown"),
        new PluginInfo(Kind.DECODER, "de", "generated decoder de", decoder.toString(), "9")),
        registry.plugins());
    assertEquals("t.good.Good", registry.provider(Kind.OPTIMIZER, "good").getClass().getName());
    assertNotNull(registry.optimizer("good", Map.of()));
    assertEquals(List.of(folder), registry.folders());
  }

  @Test
  void aProviderWhoseConstructorThrowsIsReportedAndSkipped() {
    Path good = goodJar();
    String source = PluginJars.providerSource(Kind.OPTIMIZER, "t.bad.Bad", "bad")
        .replace("public final class Bad implements OptimizerProvider {",
            "public final class Bad implements OptimizerProvider {\n"
                + "public Bad() { throw new IllegalStateException(\"no licence key\"); }");
    Path bad = PluginJars.writeJar(folder.resolve("bad.jar"), "1",
        PluginJars.compile(Map.of("t.bad.Bad", source), null), Map.of(OPTIMIZERS, List.of("t.bad.Bad")));
    Registry registry = registry();
    PluginProblem problem = onlyProblem(registry);
    assertEquals(bad.toString(), problem.source());
    assertEquals("t.bad.Bad", problem.className());
    assertTrue(problem.message().contains("IllegalStateException: no licence key"), problem.message());
    assertStillLoads(registry, good);
  }

  @Test
  void providersBreakingTheProviderContractAreReportedWithTheFix() {
    Path good = goodJar();
    Path nullName = bentJar("a1", "public String name()", "public String name() { return null; }");
    Path upperName = bentJar("a2", "public String name()", "public String name() { return \"MySgd\"; }");
    Path summary = bentJar("a3", "public String summary()",
        "public String summary() { throw new IllegalStateException(\"summary boom\"); }");
    Path description = bentJar("a4", "public String description()", "public String description() { return null; }");
    Path schema = bentJar("a5", "public Schema schema()", "public Schema schema() { return null; }");
    Registry registry = registry();
    assertEquals(List.of(
        new PluginProblem(nullName.toString(), "t.a1.Bent",
            "name() returned null: return a lower-case name such as 'my-optimizer'"),
        new PluginProblem(upperName.toString(), "t.a2.Bent", "name() returned 'MySgd': return a lower-case name"
            + " such as 'my-optimizer' (letters a-z, digits and hyphens)"),
        new PluginProblem(summary.toString(), "t.a3.Bent", "summary() threw IllegalStateException: summary boom:"
            + " make it return one line for the plugin table"),
        new PluginProblem(description.toString(), "t.a4.Bent",
            "description() returned null: return the formula and its source, for help()"),
        new PluginProblem(schema.toString(), "t.a5.Bent",
            "schema() returned null: return the options (Schema.empty() for none)")), registry.problems());
    assertStillLoads(registry, good);
  }

  @Test
  void aClassCompiledForANewerJavaIsReportedWithTheFix() {
    Path good = goodJar();
    Map<String, byte[]> classes = new TreeMap<>(PluginJars.compile(
        Map.of("t.newer.Newer", PluginJars.providerSource(Kind.OPTIMIZER, "t.newer.Newer", "newer")), "17"));
    assertEquals(61, classes.get("t.newer.Newer")[7], "--release 17 gives class file version 61");
    classes.put("t.newer.Newer", PluginJars.withMajorVersion(classes.get("t.newer.Newer"), 99));
    Path newer = PluginJars.writeJar(folder.resolve("newer.jar"), "1", classes, Map.of(OPTIMIZERS,
        List.of("t.newer.Newer")));
    Registry registry = registry();
    PluginProblem problem = onlyProblem(registry);
    assertEquals(newer.toString(), problem.source());
    assertTrue(problem.message().contains("newer Java"), problem.message());
    assertTrue(problem.message().contains("rebuild the plugin with --release " + Runtime.version().feature()),
        problem.message());
    assertStillLoads(registry, good);
  }

  @Test
  void aCorruptJarIsReportedAsNotReadable() {
    Path good = goodJar();
    Path corrupt = PluginJars.writeCorrupt(folder.resolve("corrupt.jar"), 2048, 42);
    Registry registry = registry();
    PluginProblem problem = onlyProblem(registry);
    assertEquals(corrupt.toString(), problem.source());
    assertTrue(problem.message().startsWith("not a readable jar"), problem.message());
    assertTrue(problem.message().contains("remove it from the plugin folder"), problem.message());
    assertStillLoads(registry, good);
    KilnException error = assertThrows(KilnException.class, () -> registry.optimizer("corrupt", Map.of()));
    assertEquals("unknown optimizer 'corrupt'; available: good; 1 plugin failed to load (see Registry.problems(), "
        + "or :plugins in the shell)", error.getMessage());
  }

  @Test
  void twoJarsWithTheSameKindAndNameNameBothAndKeepTheFirst() {
    Path first = PluginJars.providerJar(folder.resolve("a-first.jar"), "1", Kind.OPTIMIZER, "t.a.Dup", "dup");
    Path second = PluginJars.providerJar(folder.resolve("b-second.jar"), "2", Kind.OPTIMIZER, "t.b.Dup", "dup");
    Path good = goodJar();
    Registry registry = registry();
    PluginProblem problem = onlyProblem(registry);
    assertTrue(problem.toString().contains(first.toString()) && problem.toString().contains(second.toString()),
        problem.toString());
    assertTrue(problem.message().contains("duplicate optimizer 'dup'"), problem.message());
    assertEquals(List.of("dup", "good"), registry.names(Kind.OPTIMIZER));
    PluginInfo kept = registry.plugins().stream().filter(p -> p.name().equals("dup")).findFirst().orElseThrow();
    assertEquals(first.toString(), kept.source());
    assertEquals("1", kept.version());
    assertEquals(good.toString(), registry.plugins().stream().filter(p -> p.name().equals("good"))
        .findFirst().orElseThrow().source());
  }

  @Test
  void theSameNameUnderTwoKindsIsNoDuplicate() {
    PluginJars.providerJar(folder.resolve("a.jar"), "1", Kind.OPTIMIZER, "t.a.Same", "same");
    PluginJars.providerJar(folder.resolve("b.jar"), "1", Kind.METRIC, "t.b.Same", "same");
    Registry registry = registry();
    assertEquals(List.of(), registry.problems());
    assertEquals(List.of("same"), registry.names(Kind.OPTIMIZER));
    assertEquals(List.of("same"), registry.names(Kind.METRIC));
  }

  @Test
  void aServicesFileNamingAMissingClassIsReported() {
    Path good = goodJar();
    Map<String, byte[]> classes = PluginJars.compile(
        Map.of("t.half.Present", PluginJars.providerSource(Kind.OPTIMIZER, "t.half.Present", "present")), null);
    Path half = PluginJars.writeJar(folder.resolve("half.jar"), "1", classes,
        Map.of(OPTIMIZERS, List.of("t.half.Missing", "t.half.Present")));
    Registry registry = registry();
    assertEquals(new PluginProblem(half.toString(), "t.half.Missing", "class t.half.Missing, named in"
        + " META-INF/services/" + OPTIMIZERS + ", is not in the jar: add it or fix the service file"),
        onlyProblem(registry));
    assertEquals(List.of("good", "present"), registry.names(Kind.OPTIMIZER), "the jar's other provider loads");
    assertStillLoadsAmongOthers(registry, good);
  }

  @Test
  void aServicesFileNamingAClassOfAnotherTypeIsReported() {
    Path good = goodJar();
    Path plain = PluginJars.writeJar(folder.resolve("plain.jar"), "1",
        PluginJars.compile(Map.of("t.plain.Plain", "package t.plain; public class Plain {}"), null),
        Map.of(OPTIMIZERS, List.of("t.plain.Plain")));
    Registry registry = registry();
    assertEquals(new PluginProblem(plain.toString(), "t.plain.Plain", "class t.plain.Plain does not implement "
        + OPTIMIZERS + ": implement it or remove it from the service file"), onlyProblem(registry));
    assertStillLoads(registry, good);
  }

  @Test
  void aProviderNeedingAClassMissingFromItsJarIsReported() {
    Path good = goodJar();
    String provider = PluginJars.providerSource(Kind.OPTIMIZER, "t.dep.Needy", "needy")
        .replace("public final class Needy implements OptimizerProvider {",
            "public final class Needy implements OptimizerProvider {\n"
                + "private final Object helper = new Helper();");
    Map<String, byte[]> classes = new TreeMap<>(PluginJars.compile(Map.of("t.dep.Needy", provider,
        "t.dep.Helper", "package t.dep; public class Helper {}"), null));
    classes.remove("t.dep.Helper");
    Path needy = PluginJars.writeJar(folder.resolve("needy.jar"), "1", classes,
        Map.of(OPTIMIZERS, List.of("t.dep.Needy")));
    Registry registry = registry();
    PluginProblem problem = onlyProblem(registry);
    assertEquals(needy.toString(), problem.source());
    assertTrue(problem.message().startsWith("class not found: ") && problem.message().contains("Helper"),
        problem.message());
    assertTrue(problem.message().contains("needs a missing dependency"), problem.message());
    assertTrue(problem.message().contains("bundle every dependency other than Kiln's API and ND4J into the plugin"
        + " jar (a shaded jar)"), problem.message());
    assertStillLoads(registry, good);
  }

  private static void assertStillLoadsAmongOthers(Registry registry, Path good) {
    assertTrue(registry.plugins().stream().anyMatch(p -> p.name().equals("good")
        && p.source().equals(good.toString())), registry.plugins().toString());
  }

  @Test
  void everyBrokenJarTogetherStillLetsTheGoodOneLoad() throws Exception {
    Path good = goodJar();
    PluginJars.writeCorrupt(folder.resolve("corrupt.jar"), 512, 1);
    Files.write(folder.resolve("empty.jar"), new byte[0]);
    Files.writeString(folder.resolve("notes.txt"), "not a jar: ignored");
    PluginJars.writeJar(folder.resolve("missing.jar"), null, Map.of(), Map.of(OPTIMIZERS, List.of("t.x.Gone")));
    Registry registry = registry();
    assertEquals(3, registry.problems().size(), registry.problems().toString());
    registry.problems().forEach(p -> assertOneLine(p.toString()));
    assertStillLoads(registry, good);
    KilnException error = assertThrows(KilnException.class, () -> registry.optimizer("zzzzzzzz", Map.of()));
    assertEquals("unknown optimizer 'zzzzzzzz'; available: good; 3 plugins failed to load (see Registry.problems(),"
        + " or :plugins in the shell)", error.getMessage());
  }

  @Test
  void reloadPicksUpAJarDroppedInAfterConstruction() {
    Registry registry = registry();
    assertEquals(List.of(), registry.names(Kind.OPTIMIZER));
    Path late = PluginJars.providerJar(folder.resolve("late.jar"), "3", Kind.OPTIMIZER, "t.late.Late", "late");
    assertEquals(List.of(), registry.names(Kind.OPTIMIZER), "no scan before reload");
    registry.reload();
    assertEquals(List.of("late"), registry.names(Kind.OPTIMIZER));
    assertEquals(late.toString(), registry.plugins().get(0).source());
  }

  @Test
  void anUnknownNameSuggestsTheClosestAndListsTheAvailable() {
    PluginJars.writeJar(folder.resolve("optim.jar"), "1", PluginJars.compile(Map.of(
        "t.o.Sgd", PluginJars.providerSource(Kind.OPTIMIZER, "t.o.Sgd", "sgd"),
        "t.o.Adam", PluginJars.providerSource(Kind.OPTIMIZER, "t.o.Adam", "adam")), null),
        Map.of(OPTIMIZERS, List.of("t.o.Sgd", "t.o.Adam")));
    Registry registry = registry();
    KilnException error = assertThrows(KilnException.class, () -> registry.optimizer("adma", Map.of()));
    assertOneLine(error.getMessage());
    assertEquals("unknown optimizer 'adma' (did you mean 'adam'?); available: adam, sgd", error.getMessage());
    error = assertThrows(KilnException.class, () -> registry.provider(Kind.OPTIMIZER, "zzzzzzzz"));
    assertEquals("unknown optimizer 'zzzzzzzz'; available: adam, sgd", error.getMessage());
  }

  @Test
  void aNameThatExistsUnderAnotherKindSaysSo() {
    PluginJars.providerJar(folder.resolve("metric.jar"), "1", Kind.METRIC, "t.m.Accuracy", "accuracy");
    Registry registry = registry();
    KilnException error = assertThrows(KilnException.class, () -> registry.optimizer("accuracy", Map.of()));
    assertOneLine(error.getMessage());
    assertTrue(error.getMessage().contains("'accuracy' is a metric"), error.getMessage());
  }

  @Test
  void optionsAreValidatedThroughTheRegistry() {
    goodJar();
    KilnException error = assertThrows(KilnException.class, () -> registry().optimizer("good", Map.of("lr", 1)));
    assertOneLine(error.getMessage());
    assertTrue(error.getMessage().startsWith("optimizer 'good': unknown option 'lr'"), error.getMessage());
  }

  @Test
  void failuresInPluginCodeNameThePluginAndItsJar() {
    Path create = bentJar("create", "public Optimizer create(Params p)",
        "public Optimizer create(Params p) { throw new IllegalStateException(\"create boom\"); }");
    Path schema = bentJar("schema", "public Schema schema()", "private int calls;\npublic Schema schema() {"
        + " if (calls++ > 0) { throw new IllegalStateException(\"schema boom\"); } return Schema.empty(); }");
    bentJar("licence", "public Optimizer create(Params p)", "public Optimizer create(Params p) {"
        + " throw new KilnException(\"optimizer 'licence' needs a licence key: set KILN_LICENCE\"); }");
    Path input = PluginJars.sourceJar(folder.resolve("input.jar"), "1", Kind.METRIC, "t.input.Input",
        PluginJars.providerSource(Kind.METRIC, "t.input.Input", "input").replace("return Object.class;",
            "throw new UnsupportedOperationException(\"input boom\");"));
    Registry registry = registry();
    assertEquals(List.of(), registry.problems());
    KilnException error = assertThrows(KilnException.class, () -> registry.optimizer("create", Map.of()));
    assertEquals("optimizer 'create' (from " + create + ") failed: IllegalStateException: create boom",
        error.getMessage());
    assertEquals("create boom", error.getCause().getMessage());
    error = assertThrows(KilnException.class, () -> registry.optimizer("schema", Map.of()));
    assertEquals("optimizer 'schema' (from " + schema + ") failed: IllegalStateException: schema boom",
        error.getMessage());
    error = assertThrows(KilnException.class, () -> registry.optimizer("licence", Map.of()));
    assertEquals("optimizer 'licence' needs a licence key: set KILN_LICENCE", error.getMessage());
    error = assertThrows(KilnException.class, () -> registry.metric("input", Map.of(), Object.class));
    assertEquals("metric 'input' (from " + input + ") failed: UnsupportedOperationException: input boom",
        error.getMessage());
  }

  /** Runs {@code test} with {@code user.home} set to {@code home}, whose {@code .kiln/plugins} is absent. */
  private static void withHome(Path home, Runnable test) {
    String userHome = System.getProperty("user.home");
    System.setProperty("user.home", home.toString());
    try {
      test.run();
    } finally {
      System.setProperty("user.home", userHome);
    }
  }

  @Test
  void aMissingHomePluginFolderIsNoError(@TempDir Path home) {
    withHome(home, () -> {
      Registry registry = new Registry(new PluginLoader(null, List.of(home.resolve(".kiln/plugins"))));
      assertEquals(List.of(), registry.plugins());
      assertEquals(List.of(), registry.problems());
    });
  }

  @Test
  void aNamedPluginFolderThatIsMissingOrAFileIsReportedWithTheFix() {
    Path good = goodJar();
    Path absent = folder.resolve("absent");
    Registry registry = new Registry(new PluginLoader(null, List.of(absent, good, folder)));
    assertEquals(List.of(
        new PluginProblem(absent.toString(), "", "no such plugin folder: create it, or fix the folder given with"
            + " --plugins or in $KILN_PLUGINS"),
        new PluginProblem(good.toString(), "", "a file, not a folder: pass the folder that holds the plugin jar, "
            + folder)), registry.problems());
    assertStillLoads(registry, good);
  }

  @Test
  void theSameFolderTwiceReportsNoDuplicates(@TempDir Path home) {
    goodJar();
    withHome(home, () -> {
      Registry registry = new Registry(new PluginLoader(null, PluginLoader.defaultFolders(List.of(folder,
          folder.resolve("."), folder.resolve("sub/..")))));
      assertEquals(List.of(), registry.problems());
      assertEquals(List.of("good"), registry.names(Kind.OPTIMIZER));
    });
  }

  @Test
  void scanningAHundredPluginJars() {
    long start = System.nanoTime();
    List<Path> jars = PluginJars.writeMany(folder, 100);
    long written = System.nanoTime();
    assertEquals(100, jars.size());
    List<Double> scans = new ArrayList<>();
    PluginLoader loader = new PluginLoader(null, List.of(folder));
    PluginLoader.Scan scan = null;
    for (int run = 0; run < 5; run++) {
      long t0 = System.nanoTime();
      scan = loader.scan();
      scans.add((System.nanoTime() - t0) / 1e6);
    }
    assertEquals(List.of(), scan.problems());
    assertEquals(100, scan.providers().size());
    assertEquals("generated-0042", scan.providers().get(42).info().name());
    assertEquals("1.0.42", scan.providers().get(42).info().version());
    double[] sorted = scans.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    System.out.printf(Locale.ROOT, "PluginLoader: wrote 100 plugin jars in %.0f ms; scan of 100 jars: "
        + "first %.1f ms, median of 5 %.1f ms (all: %s)%n", (written - start) / 1e6, scans.get(0), sorted[2],
        Arrays.toString(scans.stream().map(d -> Math.round(d * 10) / 10.0).toArray()));
  }
}
