package dev.kiln.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.KilnException;
import dev.kiln.api.Model;
import dev.kiln.api.Optimizer;
import dev.kiln.api.PluginLoader;
import dev.kiln.api.Registry;
import dev.kiln.api.data.Dataset;
import dev.kiln.api.train.Fit;
import dev.kiln.api.train.Parameter;
import dev.kiln.api.train.Training;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Model files: exact round trips, provenance, and one-line refusals of every kind of bad file. */
class ModelFileTest {
  private static final Registry REGISTRY = new Registry(new PluginLoader(ModelFileTest.class.getClassLoader(),
      List.of()));
  private static final Dataset DATA = Dataset.of(Nd4j.createFromArray(new double[][] {{1, 2}, {3, 5}}),
      Nd4j.createFromArray(1.0, 0.0));

  @TempDir
  Path dir;
  private Path file;
  private Model model;

  @BeforeEach
  void saveOne() {
    file = dir.resolve("model.kiln");
    model = REGISTRY.model("scale-test", Map.of("factor", 0.5));
    Fit fit = model.fit(DATA, Training.defaults());
    Provenance provenance = Provenance.of(REGISTRY.origin(model), DATA, Training.defaults(), null,
        fit).withMetric("accuracy", 0.75);
    ModelFile.save(file, model, REGISTRY.origin(model), provenance);
  }

  private String refusal(Path path) {
    String message = assertThrows(KilnException.class, () -> ModelFile.load(path, REGISTRY)).getMessage();
    assertEquals(1, message.lines().count(), message);
    return message;
  }

  @Test
  void roundTripPredictsExactlyAndKeepsTheManifest() {
    ModelFile.Loaded loaded = ModelFile.load(file, REGISTRY);
    INDArray x = Nd4j.createFromArray(new double[][] {{0.1, -7}, {2, 3}});
    assertEquals(model.predict(x), loaded.model().predict(x));
    ModelFile.Manifest manifest = loaded.manifest();
    assertEquals("scale-test", manifest.plugin());
    assertEquals(Map.of("factor", 0.5), manifest.options());
    assertEquals(List.of(2L), manifest.tensors().get(0).shape());
    assertEquals(64, manifest.tensors().get(0).sha256().length());
    Provenance provenance = manifest.provenance();
    assertEquals(Provenance.fingerprint(DATA), provenance.dataSha256());
    assertEquals(List.of(2L, 2L), provenance.featureShape());
    assertEquals(Map.of("accuracy", 0.75), provenance.metrics());
    assertTrue(provenance.versions().get("plugin").startsWith("scale-test "), provenance.versions().toString());
  }

  @Test
  void dataFingerprintIsTheSha256OfTheFloat64Bytes() {
    // /usr/bin/python3: hashlib.sha256(np.array([[1,2],[3,5]],'<f8').tobytes() + np.array([1.,0.],'<f8').tobytes())
    assertEquals("e92d3706b7a806f1bfe52be6010f5c40e872dbb4304a6890b474da47f324276c", Provenance.fingerprint(DATA));
  }

  @Test
  void aFailedSaveLeavesThePreviousFileIntact() throws IOException {
    byte[] before = Files.readAllBytes(file);
    Model unfitted = REGISTRY.model("scale-test", Map.of());
    assertThrows(KilnException.class,
        () -> ModelFile.save(file, unfitted, REGISTRY.origin(unfitted), null));
    assertArrayEquals(before, Files.readAllBytes(file));
    try (var files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
    }
  }

  @Test
  void truncatedFile() throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    Path truncated = Files.write(dir.resolve("truncated.kiln"), Arrays.copyOf(bytes, bytes.length / 2));
    assertTrue(refusal(truncated).contains("is not a Kiln model file, or is truncated"));
  }

  @Test
  void bitFlippedTensor() throws IOException {
    Path flipped = dir.resolve("flipped.kiln");
    rewrite(flipped, Map.of("tensors/means.npy", bytes -> {
      bytes[bytes.length - 1] ^= 1;
      return bytes;
    }));
    assertTrue(refusal(flipped).contains("is damaged: tensor 'means' fails its SHA-256 check"));
  }

  @Test
  void foreignAndTextFiles() throws IOException {
    Path zip = dir.resolve("foreign.kiln");
    try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
      z.putNextEntry(new ZipEntry("readme.txt"));
      z.write("hello".getBytes(StandardCharsets.UTF_8));
    }
    assertTrue(refusal(zip).contains("is not a Kiln model file (it has no manifest.json)"));
    Path text = Files.writeString(dir.resolve("notes.kiln"), "just some text");
    assertTrue(refusal(text).contains("is not a Kiln model file"));
    assertTrue(refusal(dir.resolve("absent.kiln")).contains("no such file"));
  }

  @Test
  void futureVersionAndMissingPlugin() throws IOException {
    Path future = dir.resolve("future.kiln");
    rewrite(future, Map.of("manifest.json", bytes -> new String(bytes, StandardCharsets.UTF_8)
        .replace("\"formatVersion\" : 1", "\"formatVersion\" : 7").getBytes(StandardCharsets.UTF_8)));
    assertTrue(refusal(future).contains("was written by a newer Kiln (model format 7"));
    Path missing = dir.resolve("missing.kiln");
    rewrite(missing, Map.of("manifest.json", bytes -> new String(bytes, StandardCharsets.UTF_8)
        .replace("\"scale-test\"", "\"kmeans-xl\"").getBytes(StandardCharsets.UTF_8)));
    assertTrue(refusal(missing).contains("needs the model plugin 'kmeans-xl'"));
  }

  @Test
  void optimizerStateRoundTripsAndResumesExactly() {
    Optimizer first = REGISTRY.optimizer("decay-test", Map.of("rate", 0.5));
    Parameter w = new Parameter("w", Nd4j.createFromArray(1.0, -2.0));
    w.gradient().assign(Nd4j.createFromArray(0.5, 0.25));
    first.step(List.of(w));
    first.step(List.of(w));
    Path saved = dir.resolve("opt.kiln");
    ModelFile.saveOptimizer(saved, first, REGISTRY.origin(first));
    Optimizer resumed = ModelFile.loadOptimizer(saved, REGISTRY);
    Parameter copy = new Parameter("w", w.value().dup());
    copy.gradient().assign(w.gradient());
    first.step(List.of(w));
    resumed.step(List.of(copy));
    assertEquals(w.value(), copy.value());
    assertTrue(refusal(saved).contains("holds an optimizer, not a model"));
    String message = assertThrows(KilnException.class, () -> ModelFile.loadOptimizer(file, REGISTRY)).getMessage();
    assertTrue(message.contains("holds a model, not an optimizer"), message);
  }

  /** A copy of the saved file with some entries' bytes changed. */
  private void rewrite(Path target, Map<String, UnaryOperator<byte[]>> changes)
      throws IOException {
    try (ZipFile zip = new ZipFile(file.toFile()); OutputStream out = Files.newOutputStream(target);
        ZipOutputStream copy = new ZipOutputStream(out)) {
      for (ZipEntry entry : Collections.list(zip.entries())) {
        byte[] bytes = zip.getInputStream(entry).readAllBytes();
        copy.putNextEntry(new ZipEntry(entry.getName()));
        copy.write(changes.getOrDefault(entry.getName(), b -> b).apply(bytes));
      }
    }
  }
}
