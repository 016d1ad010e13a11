package dev.kiln.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.KilnException;
import dev.kiln.api.data.Dataset;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** IDX files that the test writes itself: every element type, gzip, Fashion-MNIST's layout and bad files. */
class IdxTest {
  @TempDir
  Path folder;

  /** Writes an IDX file: magic 0x0000TTDD, big-endian int32 sizes, then {@code body}. */
  static void write(Path path, int type, int[] shape, byte[] body) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(type << 8 | shape.length);
      for (int size : shape) {
        out.writeInt(size);
      }
      out.write(body);
    }
    try (OutputStream file = path.toString().endsWith(".gz") ? new GZIPOutputStream(Files.newOutputStream(path))
        : Files.newOutputStream(path)) {
      file.write(bytes.toByteArray());
    }
  }

  static byte[] body(DataWriter writer) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      writer.write(out);
    }
    return bytes.toByteArray();
  }

  interface DataWriter {
    void write(DataOutputStream out) throws IOException;
  }

  @Test
  void readsEveryElementTypePlainAndGzipped() throws IOException {
    Path u8 = folder.resolve("u8.gz");
    write(u8, 0x08, new int[] {2, 3}, new byte[] {0, 1, 2, (byte) 200, (byte) 254, (byte) 255});
    INDArray a = Idx.read(u8);
    assertArrayEquals(new long[] {2, 3}, a.shape());
    assertEquals(DataType.FLOAT, a.dataType());
    assertArrayEquals(new float[] {0, 1, 2, 200, 254, 255}, a.data().asFloat());

    Path i8 = folder.resolve("i8");
    write(i8, 0x09, new int[] {3}, new byte[] {-128, 0, 127});
    assertArrayEquals(new float[] {-128, 0, 127}, Idx.read(i8).data().asFloat());

    Path i16 = folder.resolve("i16");
    write(i16, 0x0B, new int[] {2}, body(out -> {
      out.writeShort(-300);
      out.writeShort(32000);
    }));
    assertArrayEquals(new float[] {-300, 32000}, Idx.read(i16).data().asFloat());

    Path i32 = folder.resolve("i32.gz");
    write(i32, 0x0C, new int[] {1, 2}, body(out -> {
      out.writeInt(-70000);
      out.writeInt(2_000_000_001);
    }));
    INDArray ints = Idx.read(i32);
    assertEquals(DataType.DOUBLE, ints.dataType());
    assertArrayEquals(new double[] {-70000, 2_000_000_001}, ints.data().asDouble());

    Path f32 = folder.resolve("f32");
    write(f32, 0x0D, new int[] {2}, body(out -> {
      out.writeFloat(1.5f);
      out.writeFloat(-0.25f);
    }));
    assertArrayEquals(new float[] {1.5f, -0.25f}, Idx.read(f32).data().asFloat());

    Path f64 = folder.resolve("f64");
    write(f64, 0x0E, new int[] {1, 1, 2}, body(out -> {
      out.writeDouble(Math.PI);
      out.writeDouble(-1e300);
    }));
    INDArray doubles = Idx.read(f64);
    assertArrayEquals(new long[] {1, 1, 2}, doubles.shape());
    assertArrayEquals(new double[] {Math.PI, -1e300}, doubles.data().asDouble());
  }

  @Test
  void loadsFashionMnistLaidOutAsDebianInstallsIt() throws IOException {
    byte[] pixels = new byte[3 * 28 * 28];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) (i * 7 % 256);
    }
    write(folder.resolve("t10k-images-idx3-ubyte.gz"), 0x08, new int[] {3, 28, 28}, pixels);
    write(folder.resolve("t10k-labels-idx1-ubyte.gz"), 0x08, new int[] {3}, new byte[] {9, 0, 4});
    Dataset test = Idx.fashionMnist(folder, "t10k");
    assertEquals(3, test.size());
    assertEquals(784, test.numFeatures());
    assertEquals(Idx.FASHION_CLASSES, test.classNames());
    assertArrayEquals(new double[] {9, 0, 4}, test.labels().toDoubleVector());
    // image 1, row 2, column 5 is byte (784 + 2 * 28 + 5) * 7 mod 256
    assertEquals(((784 + 61) * 7 % 256) / 255.0, test.features().getDouble(1, 61), 1e-7);
    assertEquals(DataType.FLOAT, test.features().dataType());
  }

  @Test
  void missingDataNamesTheDebianPackage() {
    KilnException error = assertThrows(KilnException.class, () -> Idx.fashionMnist(folder, "train"));
    assertEquals("Fashion-MNIST not found: no " + folder.resolve("train-images-idx3-ubyte.gz")
        + "; install it with 'apt-get install dataset-fashion-mnist' (Debian) or pass the folder holding the IDX "
        + "files", error.getMessage());
    assertTrue(assertThrows(KilnException.class, () -> Idx.fashionMnist(folder, "validation")).getMessage()
        .startsWith("Fashion-MNIST part 'validation' does not exist"));
    assertEquals("no IDX file at " + folder.resolve("none") + "; check the path",
        assertThrows(KilnException.class, () -> Idx.read(folder.resolve("none"))).getMessage());
  }

  @Test
  void corruptFilesFailWithTheReason() throws IOException {
    Path magic = folder.resolve("magic");
    Files.write(magic, new byte[] {0x1F, 0x00, 0x08, 0x01, 0, 0, 0, 1, 5});
    assertEquals("IDX file " + magic + " is corrupt: its magic number is 0x1F000801, not 0x0000TTDD with a known "
        + "type TT", assertThrows(KilnException.class, () -> Idx.read(magic)).getMessage());
    Path truncated = folder.resolve("truncated.gz");
    write(truncated, 0x08, new int[] {2, 2}, new byte[] {1, 2, 3});
    assertEquals("IDX file " + truncated + " is corrupt: it ends before all the elements its header announces",
        assertThrows(KilnException.class, () -> Idx.read(truncated)).getMessage());
  }
}
