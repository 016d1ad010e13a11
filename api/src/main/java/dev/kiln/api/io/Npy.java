package dev.kiln.api.io;

import dev.kiln.api.KilnException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
 * <p>Parsed in Java rather than by ND4J's native reader, which reads past the end of a truncated file:
 * here every malformed input (bad magic, header, dtype, or a data length that does not match the shape)
 * fails with a one-line {@link KilnException}.
 *
 * <p>Source: the NumPy format specification, numpy/lib/format.py (NEP 1).
 */
public final class Npy {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final int ALIGN = 64;
  private static final int GROWTH_AXIS_MAX_DIGITS = 21;
  private static final Pattern HEADER = Pattern.compile(
      "\\{\\s*'descr':\\s*'([<>|=])([a-z])(\\d+)',\\s*'fortran_order':\\s*(True|False),\\s*'shape':\\s*\\(([^)]*)\\),?\\s*}\\s*");

  private Npy() {}

  /** The {@code .npy} bytes of {@code tensor}: float64, float32, int64, int32, int16, int8, uint8 or bool. */
  public static byte[] toBytes(INDArray tensor) {
    DType dtype = DType.of(tensor.dataType());
    long[] shape = tensor.shape();
    String shapeText = shape.length == 0 ? "()" : shape.length == 1 ? "(" + shape[0] + ",)"
        : Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", ", "(", ")"));
    StringBuilder header = new StringBuilder("{'descr': '" + dtype.descr + "', 'fortran_order': False, 'shape': "
        + shapeText + ", }");
    if (shape.length > 0) {
      header.append(" ".repeat(GROWTH_AXIS_MAX_DIGITS - Long.toString(shape[0]).length()));
    }
    int unpadded = MAGIC.length + 2 + 2 + header.length() + 1;
    header.append(" ".repeat((ALIGN - unpadded % ALIGN) % ALIGN)).append('\n');
    byte[] headerBytes = header.toString().getBytes(StandardCharsets.ISO_8859_1);
    ByteBuffer data = ByteBuffer.allocate((int) (tensor.length() * dtype.size)).order(ByteOrder.LITTLE_ENDIAN);
    if (tensor.length() > 0) {
      dtype.put(tensor.dup('c'), data);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(10 + headerBytes.length + data.capacity());
    out.writeBytes(MAGIC);
    out.write(1);
    out.write(0);
    out.write(headerBytes.length & 0xff);
    out.write(headerBytes.length >>> 8);
    out.writeBytes(headerBytes);
    out.writeBytes(data.array());
    return out.toByteArray();
  }

  /** The tensor in {@code .npy} bytes; {@code source} names the file in errors. */
  public static INDArray fromBytes(byte[] bytes, String source) {
    ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
      throw new KilnException(source + ": not a NumPy .npy file (no \\x93NUMPY magic at the start)");
    }
    int major = bytes[6];
    if (major < 1 || major > 3) {
      throw new KilnException(source + ": .npy format version " + major + " is not supported (1 to 3 are)");
    }
    in.position(8);
    long headerLength = major == 1 ? Short.toUnsignedInt(in.getShort()) : Integer.toUnsignedLong(in.getInt());
    if (in.position() + headerLength > bytes.length) {
      throw new KilnException(source + ": truncated .npy header (" + headerLength + " bytes announced, "
          + (bytes.length - in.position()) + " present)");
    }
    String header = new String(bytes, in.position(), (int) headerLength,
        major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    Matcher m = HEADER.matcher(header);
    if (!m.matches()) {
      throw new KilnException(source + ": unreadable .npy header " + header.strip());
    }
    DType dtype = DType.of(m.group(2) + m.group(3), source);
    ByteOrder order = m.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    long[] shape = m.group(5).isBlank() ? new long[0]
        : Arrays.stream(m.group(5).split(",")).map(String::strip).filter(s -> !s.isEmpty())
            .mapToLong(Long::parseLong).toArray();
    long count = Arrays.stream(shape).reduce(1, Math::multiplyExact);
    int dataStart = in.position() + (int) headerLength;
    long expected = count * dtype.size;
    if (bytes.length - dataStart != expected) {
      throw new KilnException(source + ": the data of shape " + Arrays.toString(shape) + " " + m.group(2)
          + m.group(3) + " needs " + expected + " bytes, the file has " + (bytes.length - dataStart)
          + (bytes.length - dataStart < expected ? " (truncated)" : " (trailing bytes)"));
    }
    ByteBuffer data = ByteBuffer.wrap(bytes, dataStart, (int) expected).slice().order(order);
    boolean fortran = m.group(4).equals("True");
    if (count == 0) {
      return Nd4j.create(dtype.type, shape);
    }
    INDArray flat = dtype.read(data, (int) count);
    if (shape.length == 0) {
      return flat.reshape();
    }
    return fortran ? flat.reshape('f', shape).dup('c') : flat.reshape('c', shape);
  }

  /** The NumPy dtypes Kiln reads and writes, and their ND4J types. */
  private enum DType {
    F8("<f8", 8, DataType.DOUBLE), F4("<f4", 4, DataType.FLOAT), I8("<i8", 8, DataType.LONG),
    I4("<i4", 4, DataType.INT), I2("<i2", 2, DataType.SHORT), I1("|i1", 1, DataType.BYTE),
    U1("|u1", 1, DataType.UBYTE), B1("|b1", 1, DataType.BOOL);

    final String descr;
    final int size;
    final DataType type;

    DType(String descr, int size, DataType type) {
      this.descr = descr;
      this.size = size;
      this.type = type;
    }

    static DType of(DataType type) {
      return Arrays.stream(values()).filter(d -> d.type == type).findFirst().orElseThrow(() ->
          new KilnException("tensors of type " + type + " cannot be saved as .npy; cast to float64 or float32"));
    }

    static DType of(String kindAndSize, String source) {
      return Arrays.stream(values()).filter(d -> d.descr.substring(1).equals(kindAndSize)).findFirst()
          .orElseThrow(() -> new KilnException(source + ": NumPy dtype " + kindAndSize + " is not supported; "
              + "save float64, float32, int64, int32, int16, int8, uint8 or bool arrays"));
    }

    void put(INDArray tensor, ByteBuffer out) {
      switch (this) {
        case F8 -> out.asDoubleBuffer().put(tensor.data().asDouble());
        case F4 -> out.asFloatBuffer().put(tensor.data().asFloat());
        case I8 -> out.asLongBuffer().put(tensor.data().asLong());
        case I4 -> out.asIntBuffer().put(tensor.data().asInt());
        case I2 -> out.asShortBuffer().put(toShorts(tensor.data().asInt()));
        case I1, U1, B1 -> out.put(tensor.data().asBytes());
      }
    }

    INDArray read(ByteBuffer data, int count) {
      return switch (this) {
        case F8 -> {
          double[] v = new double[count];
          data.asDoubleBuffer().get(v);
          yield Nd4j.createFromArray(v);
        }
        case F4 -> {
          float[] v = new float[count];
          data.asFloatBuffer().get(v);
          yield Nd4j.createFromArray(v);
        }
        case I8 -> {
          long[] v = new long[count];
          data.asLongBuffer().get(v);
          yield Nd4j.createFromArray(v);
        }
        case I4 -> {
          int[] v = new int[count];
          data.asIntBuffer().get(v);
          yield Nd4j.createFromArray(v);
        }
        case I2 -> {
          short[] v = new short[count];
          data.asShortBuffer().get(v);
          yield Nd4j.createFromArray(v);
        }
        case I1 -> {
          byte[] v = new byte[count];
          data.get(v);
          yield Nd4j.createFromArray(v);
        }
        case U1, B1 -> {
          int[] v = new int[count];
          for (int i = 0; i < count; i++) {
            v[i] = Byte.toUnsignedInt(data.get(i));
          }
          yield Nd4j.createFromArray(v).castTo(type);
        }
      };
    }

    private static short[] toShorts(int[] values) {
      short[] out = new short[values.length];
      for (int i = 0; i < values.length; i++) {
        out[i] = (short) values[i];
      }
      return out;
    }
  }
}
