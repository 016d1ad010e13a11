package dev.kiln.api.io;

import dev.kiln.api.KilnException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Named tensors in NumPy's {@code .npz} format: a zip archive of {@code NAME.npy} entries, as
 * {@code numpy.savez} writes and {@code numpy.load} reads. Writes are atomic ({@link AtomicFiles}).
 */
public final class Npz {
  private Npz() {}

  /** Writes {@code tensors} (name to tensor, in order, at least one) to {@code path}. */
  public static void write(Path path, Map<String, INDArray> tensors) {
    if (tensors.isEmpty()) {
      throw new KilnException("cannot write " + path + ": no tensors given; pass at least one, name to tensor");
    }
    AtomicFiles.write(path, "arrays.npz", out -> {
      ZipOutputStream zip = new ZipOutputStream(out);
      for (Map.Entry<String, INDArray> e : tensors.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
        zip.write(Npy.toBytes(e.getValue()));
        zip.closeEntry();
      }
      zip.finish();
    });
  }

  /** The tensors in {@code path} by name (without {@code .npy}), in archive order. */
  public static Map<String, INDArray> read(Path path) {
    Map<String, INDArray> out = new LinkedHashMap<>();
    try (InputStream file = Files.newInputStream(path); ZipInputStream zip = new ZipInputStream(file)) {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        if (entry.getName().endsWith(".npy")) {
          String name = entry.getName().substring(0, entry.getName().length() - 4);
          out.put(name, Npy.fromBytes(zip.readAllBytes(), path + ":" + entry.getName()));
        }
      }
    } catch (NoSuchFileException e) {
      throw new KilnException("no such file: " + path);
    } catch (ZipException e) {
      throw new KilnException(path + ": not a readable .npz archive (" + e.getMessage() + ")");
    } catch (IOException e) {
      throw new KilnException("cannot read " + path + ": " + e.getMessage());
    }
    if (out.isEmpty()) {
      throw new KilnException(path + ": no .npy entries; not an .npz archive written by numpy.savez or Kiln");
    }
    return out;
  }
}
