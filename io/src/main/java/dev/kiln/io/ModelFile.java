package dev.kiln.io;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.kiln.api.KilnException;
import dev.kiln.api.Kind;
import dev.kiln.api.Model;
import dev.kiln.api.Optimizer;
import dev.kiln.api.Origin;
import dev.kiln.api.Registry;
import dev.kiln.api.io.AtomicFiles;
import dev.kiln.api.io.Npy;
import dev.kiln.api.train.OptimizerState;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import java.util.zip.CRC32;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One file per trained model (or optimizer training state): a zip archive holding each tensor of
 * {@link Model#state()} (or {@link Optimizer#state()}) as a NumPy {@code .npy} entry under {@code tensors/},
 * then {@code manifest.json} (format version, kind, plugin name and version, options, each tensor's name,
 * shape, dtype and SHA-256, an optimizer's scalars, a model's provenance). Writes are atomic
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

  /**
   * The manifest: what the file holds (a model, or an optimizer's training state) and how it was made.
   *
   * @param kind "model" or "optimizer"
   * @param scalars an optimizer state's step counts and other numbers; empty for models
   * @param provenance how a model was trained; {@code null} when unknown and for optimizers
   */
  public record Manifest(String format, int formatVersion, String kind, String plugin, String pluginVersion,
      Map<String, Object> options, List<TensorEntry> tensors, Map<String, Double> scalars,
      Provenance provenance) {}

  /** A loaded model with its manifest. */
  public record Loaded(Model model, Manifest manifest) {}

  /** Saves {@code model}, made as {@code origin} says, with its provenance ({@code null} if unknown). */
  public static void save(Path path, Model model, Origin origin, Provenance provenance) {
    write(path, Kind.MODEL, origin, model.state(), Map.of(), provenance);
  }

  /**
   * Saves the training state of {@code optimizer} (made as {@code origin} says), so that
   * {@link #loadOptimizer} resumes training exactly, on the same model's parameters.
   */
  public static void saveOptimizer(Path path, Optimizer optimizer, Origin origin) {
    OptimizerState state = optimizer.state();
    write(path, Kind.OPTIMIZER, origin, state.tensors(), state.scalars(), null);
  }

  private static void write(Path path, Kind kind, Origin origin, Map<String, INDArray> state,
      Map<String, Double> scalars, Provenance provenance) {
    if (origin.kind() != kind) {
      throw new KilnException("a " + origin.kind().label() + " cannot be saved as a " + kind.label() + " file");
    }
    AtomicFiles.write(path, kind.label() + ".kiln", out -> {
      ZipOutputStream zip = new ZipOutputStream(out);
      List<TensorEntry> tensors = new ArrayList<>();
      for (Map.Entry<String, INDArray> e : state.entrySet()) {
        tensors.add(writeTensor(zip, e.getKey(), e.getValue()));
      }
      Manifest manifest = new Manifest(FORMAT, FORMAT_VERSION, kind.label(), origin.name(), origin.version(),
          origin.options(), tensors, scalars, provenance);
      zip.putNextEntry(new ZipEntry(MANIFEST));
      zip.write(JSON.writeValueAsBytes(manifest));
      zip.closeEntry();
      zip.finish();
    });
  }

  /**
   * Writes one tensor as an uncompressed {@code .npy} entry, streamed from its native buffer (tensors are
   * dense numbers that barely compress; storing them keeps saving at disk speed).
   */
  private static TensorEntry writeTensor(ZipOutputStream zip, String name, INDArray tensor) throws IOException {
    byte[] header = Npy.header(tensor);
    ByteBuffer data = Npy.data(tensor);
    ByteBuffer hashed = data.duplicate();
    CompletableFuture<String> sha = CompletableFuture.supplyAsync(() -> {   // overlaps the CRC and the write
      MessageDigest digest = Sha256.digest();
      digest.update(header);
      digest.update(hashed);
      return Sha256.hex(digest);
    });
    CRC32 crc = new CRC32();
    crc.update(header);
    crc.update(data.duplicate());
    ZipEntry entry = new ZipEntry("tensors/" + name + ".npy");
    entry.setMethod(ZipEntry.STORED);
    entry.setSize(header.length + (long) data.remaining());
    entry.setCompressedSize(entry.getSize());
    entry.setCrc(crc.getValue());
    zip.putNextEntry(entry);
    zip.write(header);
    Npy.copy(data, zip);
    zip.closeEntry();
    return new TensorEntry(name, entry.getName(), Arrays.stream(tensor.shape()).boxed().toList(),
        tensor.dataType().name().toLowerCase(Locale.ROOT), sha.join());
  }

  /** Loads a model file, creating the model through {@code registry} with the saved options. */
  public static Loaded load(Path path, Registry registry) {
    Contents contents = read(path, Kind.MODEL, registry);
    Model model = registry.model(contents.manifest().plugin(), contents.manifest().options());
    model.restore(contents.tensors());
    return new Loaded(model, contents.manifest());
  }

  /** Loads an optimizer file: a new optimizer with the saved options, its training state restored. */
  public static Optimizer loadOptimizer(Path path, Registry registry) {
    Contents contents = read(path, Kind.OPTIMIZER, registry);
    Manifest manifest = contents.manifest();
    Optimizer optimizer = registry.optimizer(manifest.plugin(), manifest.options());
    optimizer.restore(new OptimizerState(manifest.plugin(), manifest.scalars(), contents.tensors()));
    return optimizer;
  }

  /** The manifest of a model or optimizer file, without reading its tensors. */
  public static Manifest manifest(Path path) {
    if (!Files.exists(path)) {
      throw new KilnException("no such file: " + path);
    }
    try (ZipFile zip = new ZipFile(path.toFile())) {
      return manifest(path, zip);
    } catch (ZipException e) {
      throw new KilnException(path + " is not a Kiln model file, or is truncated (" + e.getMessage() + ")");
    } catch (IOException e) {
      throw new KilnException("cannot read " + path + ": " + e.getMessage());
    }
  }

  /** A file's manifest and its tensors, every checksum verified. */
  private record Contents(Manifest manifest, Map<String, INDArray> tensors) {}

  private static Contents read(Path path, Kind kind, Registry registry) {
    if (!Files.exists(path)) {
      throw new KilnException("no such file: " + path);
    }
    try (ZipFile zip = new ZipFile(path.toFile())) {
      Manifest manifest = manifest(path, zip);
      if (!kind.label().equals(manifest.kind())) {
        throw new KilnException(path + " holds " + (manifest.kind().startsWith("o") ? "an " : "a ")
            + manifest.kind() + ", not " + (kind == Kind.OPTIMIZER ? "an " : "a ") + kind.label()
            + (kind == Kind.MODEL ? "; load it with optimizer.load" : "; load it with kiln.load"));
      }
      if (!registry.names(kind).contains(manifest.plugin())) {
        throw new KilnException(path + " needs the " + kind.label() + " plugin '" + manifest.plugin()
            + "' (version " + manifest.pluginVersion() + "), which is not installed; add its jar to "
            + "~/.kiln/plugins or --plugins DIR");
      }
      Map<String, INDArray> state = new LinkedHashMap<>();
      for (TensorEntry tensor : manifest.tensors()) {
        state.put(tensor.name(), readTensor(path, zip, tensor));
      }
      return new Contents(manifest, state);
    } catch (ZipException e) {
      throw new KilnException(path + " is not a Kiln model file, or is truncated (" + e.getMessage() + ")");
    } catch (NoSuchFileException e) {
      throw new KilnException("no such file: " + path);
    } catch (IOException e) {
      throw new KilnException("cannot read " + path + ": " + e.getMessage());
    }
  }

  private static INDArray readTensor(Path path, ZipFile zip, TensorEntry tensor) throws IOException {
    ZipEntry entry = zip.getEntry(tensor.entry());
    if (entry == null) {
      throw new KilnException(path + " is damaged: tensor '" + tensor.name() + "' is missing");
    }
    INDArray value;
    String sha;
    try (ConcurrentDigestInputStream in = new ConcurrentDigestInputStream(zip.getInputStream(entry),
        Sha256.digest())) {
      value = Npy.read(in, path + ":" + tensor.entry());
      sha = HexFormat.of().formatHex(in.digest());
    } catch (KilnException | ZipException e) {
      throw new KilnException(path + " is damaged: tensor '" + tensor.name() + "' is unreadable ("
          + e.getMessage() + ")");
    }
    if (!sha.equals(tensor.sha256())) {
      throw new KilnException(path + " is damaged: tensor '" + tensor.name() + "' fails its SHA-256 check");
    }
    return value;
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
    if (manifest.kind() == null || manifest.plugin() == null || manifest.tensors() == null
        || manifest.options() == null || manifest.scalars() == null) {
      throw new KilnException(path + " has an incomplete manifest (kind, plugin, options, tensors or scalars "
          + "missing)");
    }
    return manifest;
  }
}
