package dev.kiln.io;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.kiln.api.KilnException;
import dev.kiln.api.Kind;
import dev.kiln.api.Model;
import dev.kiln.api.Origin;
import dev.kiln.api.Registry;
import dev.kiln.api.io.AtomicFiles;
import dev.kiln.api.io.Npy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One file per trained model: a zip archive holding {@code manifest.json} (format version, plugin name and
 * version, options, each tensor's name, shape, dtype and SHA-256, and the provenance) and each tensor of
 * {@link Model#state()} as a NumPy {@code .npy} entry under {@code tensors/}. Writes are atomic
 * ({@link AtomicFiles}): an interrupted save leaves the previous file intact. Loading checks the format,
 * the version, the plugin and every checksum, and fails with a one-line message naming the problem.
 */
public final class ModelFile {
  /** The format version this Kiln writes and the newest it reads. */
  public static final int FORMAT_VERSION = 1;
  static final String FORMAT = "kiln-model";
  private static final String MANIFEST = "manifest.json";
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ModelFile() {}

  /** A tensor's entry in the manifest. */
  public record TensorEntry(String name, String entry, List<Long> shape, String dtype, String sha256) {}

  /** The manifest: what the file holds and how the model was made. */
  public record Manifest(String format, int formatVersion, String plugin, String pluginVersion,
      Map<String, Object> options, List<TensorEntry> tensors, Provenance provenance) {}

  /** A loaded model with its manifest. */
  public record Loaded(Model model, Manifest manifest) {}

  /** Saves {@code model}, made as {@code origin} says, with its provenance ({@code null} if unknown). */
  public static void save(Path path, Model model, Origin origin, Provenance provenance) {
    if (origin.kind() != Kind.MODEL) {
      throw new KilnException("only models can be saved as model files, not a " + origin.kind().label());
    }
    Map<String, byte[]> entries = new LinkedHashMap<>();
    List<TensorEntry> tensors = new ArrayList<>();
    model.state().forEach((name, tensor) -> {
      String entry = "tensors/" + name + ".npy";
      byte[] bytes = Npy.toBytes(tensor);
      entries.put(entry, bytes);
      tensors.add(new TensorEntry(name, entry, Arrays.stream(tensor.shape()).boxed().toList(),
          tensor.dataType().name().toLowerCase(Locale.ROOT), Sha256.of(bytes)));
    });
    Manifest manifest = new Manifest(FORMAT, FORMAT_VERSION, origin.name(), origin.version(), origin.options(),
        tensors, provenance);
    AtomicFiles.write(path, out -> {
      ZipOutputStream zip = new ZipOutputStream(out);
      zip.putNextEntry(new ZipEntry(MANIFEST));
      zip.write(JSON.writeValueAsBytes(manifest));
      zip.closeEntry();
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
      zip.finish();
    });
  }

  /** Loads a model file, creating the model through {@code registry} with the saved options. */
  public static Loaded load(Path path, Registry registry) {
    if (!Files.exists(path)) {
      throw new KilnException("no such file: " + path);
    }
    try (ZipFile zip = new ZipFile(path.toFile())) {
      Manifest manifest = manifest(path, zip);
      if (!registry.names(Kind.MODEL).contains(manifest.plugin())) {
        throw new KilnException(path + " needs the model plugin '" + manifest.plugin() + "' (version "
            + manifest.pluginVersion() + "), which is not installed; add its jar to ~/.kiln/plugins or --plugins DIR");
      }
      Map<String, INDArray> state = new LinkedHashMap<>();
      for (TensorEntry tensor : manifest.tensors()) {
        ZipEntry entry = zip.getEntry(tensor.entry());
        if (entry == null) {
          throw new KilnException(path + " is damaged: tensor '" + tensor.name() + "' is missing");
        }
        byte[] bytes;
        try (InputStream in = zip.getInputStream(entry)) {
          bytes = in.readAllBytes();
        }
        if (!Sha256.of(bytes).equals(tensor.sha256())) {
          throw new KilnException(path + " is damaged: tensor '" + tensor.name() + "' fails its SHA-256 check");
        }
        state.put(tensor.name(), Npy.fromBytes(bytes, path + ":" + tensor.entry()));
      }
      Model model = registry.model(manifest.plugin(), manifest.options());
      model.restore(state);
      return new Loaded(model, manifest);
    } catch (ZipException e) {
      throw new KilnException(path + " is not a Kiln model file, or is truncated (" + e.getMessage() + ")");
    } catch (NoSuchFileException e) {
      throw new KilnException("no such file: " + path);
    } catch (IOException e) {
      throw new KilnException("cannot read " + path + ": " + e.getMessage());
    }
  }

  private static Manifest manifest(Path path, ZipFile zip) throws IOException {
    ZipEntry entry = zip.getEntry(MANIFEST);
    if (entry == null) {
      throw new KilnException(path + " is not a Kiln model file (it has no " + MANIFEST + "); load files "
          + "written by model.save");
    }
    Manifest manifest;
    try (InputStream in = zip.getInputStream(entry)) {
      manifest = JSON.readValue(in, Manifest.class);
    } catch (JacksonException e) {
      throw new KilnException(path + " has an unreadable manifest (" + e.getOriginalMessage() + ")");
    }
    if (!FORMAT.equals(manifest.format())) {
      throw new KilnException(path + " is not a Kiln model file (format '" + manifest.format() + "')");
    }
    if (manifest.formatVersion() > FORMAT_VERSION) {
      throw new KilnException(path + " was written by a newer Kiln (model format " + manifest.formatVersion()
          + "; this Kiln reads up to " + FORMAT_VERSION + "): upgrade Kiln to load it");
    }
    if (manifest.plugin() == null || manifest.tensors() == null || manifest.options() == null) {
      throw new KilnException(path + " has an incomplete manifest (plugin, options or tensors missing)");
    }
    return manifest;
  }
}
