package dev.kiln.data;

import dev.kiln.api.KilnException;
import dev.kiln.api.data.Dataset;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST, plain or gzip-compressed ({@code .gz}), and loads
 * Fashion-MNIST as data sets.
 *
 * <p>An IDX file is a 4-byte magic number {@code 0x00 0x00 T D} (element type {@code T}: {@code 0x08}
 * unsigned byte, {@code 0x09} signed byte, {@code 0x0B} int16, {@code 0x0C} int32, {@code 0x0D} float32,
 * {@code 0x0E} float64; {@code D} dimensions), then {@code D} big-endian int32 sizes, then the elements in
 * row-major order, big-endian. Byte, int16 and float32 elements load as float32 (exact), int32 and float64 as
 * float64.
 *
 * <p>Fashion-MNIST (Xiao, Rasul, Vollgraf, 2017; MIT licence) is not shipped with Kiln: Debian's
 * {@code dataset-fashion-mnist} package installs it at {@link #FASHION_MNIST}. Nothing is downloaded.
 *
 * <p>Reference: LeCun, Cortes, Burges, "The MNIST database of handwritten digits", file format section,
 * http://yann.lecun.com/exdb/mnist/; https://github.com/zalandoresearch/fashion-mnist.
 */
public final class Idx {
  /** Where Debian's {@code dataset-fashion-mnist} package puts the four IDX files. */
  public static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

  /** Fashion-MNIST's ten classes, in label order. */
  public static final List<String> FASHION_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress",
      "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

  private Idx() {}

  /** The tensor in the IDX file at {@code path} (gzip-compressed when the name ends in {@code .gz}). */
  public static INDArray read(Path path) {
    try (InputStream raw = Files.newInputStream(path);
         DataInputStream in = new DataInputStream(new BufferedInputStream(
             path.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw, 1 << 16))) {
      int magic = in.readInt();
      int type = (magic >>> 8) & 0xFF;
      int dims = magic & 0xFF;
      if ((magic >>> 16) != 0 || width(type) == 0 || dims == 0) {
        throw corrupt(path, String.format("its magic number is 0x%08X, not 0x0000TTDD with a known type TT", magic));
      }
      long[] shape = new long[dims];
      long count = 1;
      for (int i = 0; i < dims; i++) {
        shape[i] = Integer.toUnsignedLong(in.readInt());
        count *= shape[i];
      }
      if (count * width(type) > Integer.MAX_VALUE) {
        throw corrupt(path, "its shape " + Arrays.toString(shape) + " holds more than 2 GB");
      }
      byte[] bytes = new byte[(int) (count * width(type))];
      in.readFully(bytes);
      return values(type, ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN), (int) count).reshape('c', shape);
    } catch (NoSuchFileException e) {
      throw new KilnException("no IDX file at " + path + "; check the path");
    } catch (EOFException e) {
      throw corrupt(path, "it ends before all the elements its header announces");
    } catch (IOException e) {
      throw new KilnException("cannot read IDX file " + path + ": " + e.getMessage(), e);
    }
  }

  /**
   * Fashion-MNIST's training ({@code train}: 60,000 images) or test ({@code t10k}: 10,000 images) part from
   * {@code folder}: features {@code [n, 784]} float32 in [0, 1] (pixels / 255, rows of the 28×28 image one
   * after the other), labels {@code [n]} class indices 0..9, with {@link #FASHION_CLASSES} as class names.
   */
  public static Dataset fashionMnist(Path folder, String part) {
    if (!part.equals("train") && !part.equals("t10k")) {
      throw new KilnException("Fashion-MNIST part '" + part + "' does not exist: use 'train' or 't10k'");
    }
    Path images = folder.resolve(part + "-images-idx3-ubyte.gz");
    Path labels = folder.resolve(part + "-labels-idx1-ubyte.gz");
    if (!Files.isRegularFile(images) || !Files.isRegularFile(labels)) {
      throw new KilnException("Fashion-MNIST not found: no " + (Files.isRegularFile(images) ? labels : images)
          + "; install it with 'apt-get install dataset-fashion-mnist' (Debian) or pass the folder holding the "
          + "IDX files");
    }
    INDArray x = read(images);
    INDArray y = read(labels);
    if (x.rank() != 3 || y.rank() != 1 || x.size(0) != y.size(0)) {
      throw corrupt(images, "images " + Arrays.toString(x.shape()) + " and labels " + Arrays.toString(y.shape())
          + " do not pair up as [n, rows, columns] and [n]");
    }
    return Dataset.of(x.reshape('c', x.size(0), x.size(1) * x.size(2)).divi(255), y.castTo(DataType.DOUBLE))
        .withClassNames(FASHION_CLASSES);
  }

  private static int width(int type) {
    return switch (type) {
      case 0x08, 0x09 -> 1;
      case 0x0B -> 2;
      case 0x0C, 0x0D -> 4;
      case 0x0E -> 8;
      default -> 0;
    };
  }

  /** The elements as a flat float32 (or float64) array; one pass over the file's bytes, at load time only. */
  private static INDArray values(int type, ByteBuffer data, int count) {
    if (type == 0x0C || type == 0x0E) {
      double[] out = new double[count];
      for (int i = 0; i < count; i++) {
        out[i] = type == 0x0C ? data.getInt() : data.getDouble();
      }
      return Nd4j.createFromArray(out);
    }
    float[] out = new float[count];
    for (int i = 0; i < count; i++) {
      out[i] = switch (type) {
        case 0x08 -> data.get() & 0xFF;
        case 0x09 -> data.get();
        case 0x0B -> data.getShort();
        default -> data.getFloat();
      };
    }
    return Nd4j.createFromArray(out);
  }

  private static KilnException corrupt(Path path, String why) {
    return new KilnException("IDX file " + path + " is corrupt: " + why);
  }
}
