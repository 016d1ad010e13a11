package dev.kiln.api.io;

import static dev.kiln.api.Errors.expect;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code .npy}/{@code .npz} files written by NumPy 1.24 (tools/reference/npy_numpy.py, checked into the test
 * resources) are read exactly, and Kiln writes the same bytes NumPy does.
 */
class NpyTest {
  private static byte[] resource(String name) {
    try (InputStream in = NpyTest.class.getResourceAsStream("/npy/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static INDArray read(String name) {
    return Npy.fromBytes(resource(name), name);
  }

  /** The arrays npy_numpy.py saved, rebuilt here from the same np.arange formulas. */
  private static final Map<String, INDArray> EXPECTED = Map.of(
      "f8_2x3", Nd4j.arange(6).castTo(DataType.DOUBLE).reshape(2, 3).div(4).sub(0.5),
      "f4_2x3x4", Nd4j.arange(24).castTo(DataType.FLOAT).reshape(2, 3, 4).mul(0.25),
      "i8_5", Nd4j.createFromArray(-3L, 1_000_000_004L, 2_000_000_011L, 3_000_000_018L, 4_000_000_025L),
      "i4_4", Nd4j.createFromArray(-2, -1, 0, 1),
      "u1_6", Nd4j.createFromArray(250, 251, 252, 253, 254, 255).castTo(DataType.UBYTE),
      "b1_4", Nd4j.createFromArray(true, false, false, true),
      "scalar", Nd4j.scalar(2.5));

  @ParameterizedTest
  @ValueSource(strings = {"f8_2x3", "f4_2x3x4", "i8_5", "i4_4", "u1_6", "b1_4", "scalar"})
  void readsNumpyFilesAndWritesTheSameBytes(String name) {
    INDArray tensor = read(name + ".npy");
    INDArray expected = EXPECTED.get(name);
    assertEquals(expected.dataType(), tensor.dataType(), name);
    assertArrayEquals(expected.shape(), tensor.shape(), name);
    assertEquals(expected, tensor, name);
    assertArrayEquals(resource(name + ".npy"), Npy.toBytes(tensor), name + ": bytes differ from numpy.save");
  }

  @Test
  void readsBigEndianFortranOrderAndEmptyArrays() {
    assertEquals(Nd4j.createFromArray(0.5, 1.5, 2.5), read("big_endian_f8_3.npy"));
    INDArray fortran = read("fortran_f8_2x3.npy");
    assertEquals(Nd4j.arange(6).castTo(DataType.DOUBLE).reshape(2, 3), fortran);
    INDArray empty = read("empty_0x3.npy");
    assertArrayEquals(new long[] {0, 3}, empty.shape());
    assertArrayEquals(resource("empty_0x3.npy"), Npy.toBytes(empty));
  }

  @Test
  void readsAndWritesNpzArchives(@TempDir Path dir) throws IOException {
    Path numpy = dir.resolve("pair.npz");
    Files.write(numpy, resource("pair.npz"));
    Map<String, INDArray> pair = Npz.read(numpy);
    assertEquals(List.of("weight", "bias"), List.copyOf(pair.keySet()));
    assertEquals(EXPECTED.get("f8_2x3"), pair.get("weight"));
    assertEquals(Nd4j.createFromArray(0.25, -0.75), pair.get("bias"));
    Path ours = dir.resolve("ours.npz");
    Npz.write(ours, pair);
    assertEquals(pair, Npz.read(ours));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(2, files.count(), "no temporary file is left behind");
    }
    Path empty = dir.resolve("empty.npz");
    expect(() -> Npz.write(empty, Map.of()), "cannot write " + empty + ": no tensors given");
    assertFalse(Files.exists(empty), "nothing is written that read would refuse");
  }

  @Test
  void malformedFilesGiveOneLineErrors(@TempDir Path dir) throws IOException {
    byte[] good = resource("f8_2x3.npy");
    expect(() -> Npy.fromBytes(Arrays.copyOf(good, good.length - 3), "t.npy"), "needs 48 bytes, the file has 45 (truncated)");
    expect(() -> Npy.fromBytes(Arrays.copyOf(good, good.length + 8), "t.npy"), "(trailing bytes)");
    expect(() -> Npy.fromBytes(Arrays.copyOf(good, 60), "t.npy"), "truncated .npy header");
    expect(() -> Npy.fromBytes("just text".getBytes(), "t.npy"), "not a NumPy .npy file");
    byte[] complex = good.clone();
    complex[new String(good, StandardCharsets.ISO_8859_1).indexOf("f8")] = (byte) 'c';
    expect(() -> Npy.fromBytes(complex, "t.npy"), "NumPy dtype c8 is not supported");
    Path text = Files.writeString(dir.resolve("x.npz"), "not a zip");
    expect(() -> Npz.read(text), "no .npy entries");
    expect(() -> Npz.read(dir.resolve("missing.npz")), "no such file");
  }

  @Test
  void aFailedWriteLeavesThePreviousFileIntact(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("weights.npz");
    Npz.write(file, Map.of("w", Nd4j.createFromArray(1.0, 2.0)));
    byte[] before = Files.readAllBytes(file);
    expect(() -> AtomicFiles.write(file, "weights.npz", out -> {
      out.write(new byte[1000]);
      throw new IOException("disk full");
    }), "cannot write " + file + ": disk full");
    assertArrayEquals(before, Files.readAllBytes(file));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList());
    }
    expect(() -> Npz.write(dir.resolve("no/such/folder/w.npz"), Map.of("w", Nd4j.createFromArray(1.0))),
        "does not exist; create it first");
    assertFalse(Files.exists(dir.resolve("no")));
    assertTrue(Files.exists(file));
  }
}
