package dev.kiln.api.io;

import dev.kiln.api.KilnException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Tensors in NumPy's {@code .npy} format (version 1.0 written, 1.0 to 3.0 read), byte for byte as
 * {@code numpy.save} writes them: the magic {@code \x93NUMPY}, a header dict
 * {@code {'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }} padded to 64 bytes, then the data.
 *
 * <p>Data streams straight between the file and the tensor's native buffer, in 1 MiB chunks, so large
 * models need no second copy in memory. Parsed in Java rather than by ND4J's native reader, which reads past
 * the end of a truncated file: here every malformed input (bad magic, header or dtype, or data shorter or
 * longer than the shape needs) fails with a one-line {@link KilnException}. Assumes a little-endian machine,
 * as every ND4J backend is.
 *
 * <p>Source: the NumPy format specification, numpy/lib/format.py (NEP 1).
 */
public final class Npy {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final int ALIGN = 64;
  private static final int GROWTH_AXIS_MAX_DIGITS = 21;
  private static final int CHUNK = 1 << 20;
  private static final Pattern HEADER = Pattern.compile("\\{\\s*'descr':\\s*'([<>|=])([a-z]\\d+)',\\s*"
      + "'fortran_order':\\s*(True|False),\\s*'shape':\\s*\\(([^)]*)\\),?\\s*}\\s*");
  /** NumPy dtype (kind and size) to ND4J type. */
  private static final Map<String, DataType> TYPES = Map.of("f8", DataType.DOUBLE, "f4", DataType.FLOAT,
      "i8", DataType.LONG, "i4", DataType.INT, "i2", DataType.SHORT, "i1", DataType.BYTE, "u1", DataType.UBYTE,
      "b1", DataType.BOOL);

  private Npy() {}

  /** The header ({@code .npy} bytes before the data) of {@code tensor}. */
  public static byte[] header(INDArray tensor) {
    String type = TYPES.entrySet().stream().filter(e -> e.getValue() == tensor.dataType()).map(Map.Entry::getKey)
        .findFirst().orElseThrow(() -> new KilnException("tensors of type " + tensor.dataType()
            + " cannot be saved as .npy; cast to float64 or float32"));
    long[] shape = tensor.shape();
    String shapeText = shape.length == 0 ? "()" : shape.length == 1 ? "(" + shape[0] + ",)"
        : Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", ", "(", ")"));
    String descr = (type.endsWith("1") ? "|" : "<") + type;
    StringBuilder dict = new StringBuilder("{'descr': '" + descr + "', 'fortran_order': False, 'shape': "
        + shapeText + ", }");
    if (shape.length > 0) {
      dict.append(" ".repeat(GROWTH_AXIS_MAX_DIGITS - Long.toString(shape[0]).length()));
    }
    int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
    dict.append(" ".repeat((ALIGN - unpadded % ALIGN) % ALIGN)).append('\n');
    byte[] text = dict.toString().getBytes(StandardCharsets.ISO_8859_1);
    ByteBuffer out = ByteBuffer.allocate(10 + text.length).order(ByteOrder.LITTLE_ENDIAN);
    out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length).put(text);
    return out.array();
  }

  /** The data of {@code tensor} in row-major order: a view of its native buffer when that is contiguous. */
  public static ByteBuffer data(INDArray tensor) {
    INDArray contiguous = tensor.ordering() == 'c' && !tensor.isView() && tensor.data().length() == tensor.length()
        ? tensor : tensor.dup('c');
    return tensor.isEmpty() ? ByteBuffer.allocate(0) : contiguous.data().asNio().order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Writes {@code tensor} as {@code .npy}: float64, float32, int64, int32, int16, int8, uint8 or bool. */
  public static void write(INDArray tensor, OutputStream out) throws IOException {
    out.write(header(tensor));
    copy(data(tensor), out);
  }

  /** Writes the remaining bytes of {@code data} to {@code out} in chunks, leaving {@code data} consumed. */
  public static void copy(ByteBuffer data, OutputStream out) throws IOException {
    byte[] chunk = new byte[Math.min(CHUNK, data.remaining())];
    while (data.hasRemaining()) {
      int n = Math.min(chunk.length, data.remaining());
      data.get(chunk, 0, n);
      out.write(chunk, 0, n);
    }
  }

  /** The {@code .npy} bytes of {@code tensor}. */
  public static byte[] toBytes(INDArray tensor) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      write(tensor, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The tensor in {@code .npy} bytes; {@code source} names the file in errors. */
  public static INDArray fromBytes(byte[] bytes, String source) {
    try {
      return read(new ByteArrayInputStream(bytes), source);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads one {@code .npy} tensor from {@code in}, which must hold nothing after it. */
  public static INDArray read(InputStream in, String source) throws IOException {
    DataInputStream data = new DataInputStream(in);
    byte[] start = new byte[8];
    if (in.readNBytes(start, 0, 8) < 8 || !Arrays.equals(Arrays.copyOf(start, MAGIC.length), MAGIC)) {
      throw new KilnException(source + ": not a NumPy .npy file (no \\x93NUMPY magic at the start)");
    }
    int major = start[6];
    if (major < 1 || major > 3) {
      throw new KilnException(source + ": .npy format version " + major + " is not supported (1 to 3 are)");
    }
    byte[] lengthBytes = new byte[major == 1 ? 2 : 4];
    byte[] text;
    try {
      data.readFully(lengthBytes);
      long length = ByteBuffer.wrap(Arrays.copyOf(lengthBytes, 4)).order(ByteOrder.LITTLE_ENDIAN).getInt()
          & 0xffffffffL;
      text = in.readNBytes((int) Math.min(length, 1 << 20));
      if (text.length < length) {
        throw new EOFException();
      }
    } catch (EOFException e) {
      throw new KilnException(source + ": truncated .npy header");
    }
    String header = new String(text, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    Matcher m = HEADER.matcher(header);
    if (!m.matches()) {
      throw new KilnException(source + ": unreadable .npy header " + header.strip());
    }
    DataType type = TYPES.get(m.group(2));
    if (type == null) {
      throw new KilnException(source + ": NumPy dtype " + m.group(2) + " is not supported; save float64, "
          + "float32, int64, int32, int16, int8, uint8 or bool arrays");
    }
    long[] shape = m.group(4).isBlank() ? new long[0] : Arrays.stream(m.group(4).split(",")).map(String::strip)
        .filter(s -> !s.isEmpty()).mapToLong(Long::parseLong).toArray();
    char order = m.group(3).equals("True") ? 'f' : 'c';
    long count = Arrays.stream(shape).reduce(1, Math::multiplyExact);
    // every byte is overwritten from the file below, so the buffer need not be zeroed first
    INDArray tensor = count == 0 ? Nd4j.create(type, shape, order) : Nd4j.createUninitialized(type, shape, order);
    ByteBuffer target = tensor.isEmpty() ? ByteBuffer.allocate(0) : tensor.data().asNio();
    long expected = target.capacity();
    byte[] chunk = new byte[(int) Math.min(CHUNK, Math.max(1, expected))];
    while (target.hasRemaining()) {
      int n = in.readNBytes(chunk, 0, Math.min(chunk.length, target.remaining()));
      if (n == 0) {
        throw new KilnException(source + ": the data of shape " + Arrays.toString(shape) + " " + m.group(2)
            + " needs " + expected + " bytes, the file has " + target.position() + " (truncated)");
      }
      target.put(chunk, 0, n);
    }
    if (in.read() >= 0) {
      throw new KilnException(source + ": the data of shape " + Arrays.toString(shape) + " " + m.group(2)
          + " needs " + expected + " bytes, the file has more (trailing bytes)");
    }
    if (m.group(1).equals(">")) {
      swapBytes(target, type.width());
    }
    return tensor.ordering() == 'c' ? tensor : tensor.dup('c');
  }

  /** Reverses the bytes of every {@code width}-byte element (big-endian files). */
  private static void swapBytes(ByteBuffer buffer, int width) {
    for (int element = 0; element < buffer.capacity(); element += width) {
      for (int i = 0; i < width / 2; i++) {
        byte b = buffer.get(element + i);
        buffer.put(element + i, buffer.get(element + width - 1 - i));
        buffer.put(element + width - 1 - i, b);
      }
    }
  }
}
