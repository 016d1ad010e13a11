package dev.kiln.testkit;

import dev.kiln.api.Kind;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.IntStream;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Builds plugin jars at run time for loader tests and the shell's start-up benchmark: compiles Java sources
 * held in strings in memory with the JDK's compiler, against the current class path (so they can implement
 * {@code dev.kiln.api}), into jars with a manifest and {@code META-INF/services} entries; and makes broken
 * jars (random bytes, classes marked for a newer Java). Needs a JDK, not a JRE; does not use JUnit.
 */
public final class PluginJars {
  private PluginJars() {}

  /**
   * Compiles {@code sources} (fully qualified class name to source code) and returns every class file it
   * produced, nested classes included, by binary name. {@code release} is a {@code --release} value such as
   * {@code "17"}, or {@code null} for the running JDK's own level. Fails with the compiler's messages.
   */
  public static Map<String, byte[]> compile(Map<String, String> sources, String release) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new IllegalStateException("no Java compiler in this runtime: run on a JDK, not a JRE");
    }
    Map<String, ByteArrayOutputStream> out = new TreeMap<>();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    List<JavaFileObject> units = sources.entrySet().stream().<JavaFileObject>map(e -> new SimpleJavaFileObject(
        URI.create("string:///" + e.getKey().replace('.', '/') + ".java"), JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return e.getValue();
      }
    }).toList();
    List<String> options = release == null ? List.of("-classpath", classPath(), "-proc:none")
        : List.of("-classpath", classPath(), "-proc:none", "--release", release);
    try (var files = new ForwardingJavaFileManager<>(javac.getStandardFileManager(diagnostics, Locale.ROOT,
        StandardCharsets.UTF_8)) {
      @Override
      public JavaFileObject getJavaFileForOutput(Location where, String name, JavaFileObject.Kind kind,
          FileObject sibling) {
        return new SimpleJavaFileObject(URI.create("mem:///" + name.replace('.', '/') + kind.extension), kind) {
          @Override
          public OutputStream openOutputStream() {
            return out.computeIfAbsent(name, k -> new ByteArrayOutputStream());
          }
        };
      }
    }) {
      if (!javac.getTask(null, files, diagnostics, options, null, units).call()) {
        throw new IllegalStateException("compilation failed: " + diagnostics.getDiagnostics());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.entrySet().stream().collect(TreeMap::new, (m, e) -> m.put(e.getKey(), e.getValue().toByteArray()),
        Map::putAll);
  }

  /**
   * Writes {@code jar}: a manifest with {@code Implementation-Version: version} (none when {@code null}),
   * the {@code classes} (binary name to class file) and one services file per entry of {@code services}
   * (service interface name, such as {@code "dev.kiln.api.OptimizerProvider"}, to provider class names).
   */
  public static Path writeJar(Path jar, String version, Map<String, byte[]> classes,
      Map<String, List<String>> services) {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    if (version != null) {
      manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, version);
    }
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(createParent(jar)), manifest)) {
      for (Map.Entry<String, byte[]> e : classes.entrySet()) {
        out.putNextEntry(new JarEntry(e.getKey().replace('.', '/') + ".class"));
        out.write(e.getValue());
      }
      for (Map.Entry<String, List<String>> e : services.entrySet()) {
        out.putNextEntry(new JarEntry("META-INF/services/" + e.getKey()));
        out.write((String.join("\n", e.getValue()) + "\n").getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return jar;
  }

  /** Compiles one {@link #providerSource} and writes it as a plugin jar of that kind. */
  public static Path providerJar(Path jar, String version, Kind kind, String className, String pluginName) {
    return sourceJar(jar, version, kind, className, providerSource(kind, className, pluginName));
  }

  /**
   * Compiles {@code source}, the provider class {@code className} of {@code kind} (such as a
   * {@link #providerSource} with a method changed), and writes it as a plugin jar that lists it.
   */
  public static Path sourceJar(Path jar, String version, Kind kind, String className, String source) {
    return writeJar(jar, version, compile(Map.of(className, source), null),
        Map.of(kind.service().getName(), List.of(className)));
  }

  /**
   * The source of a minimal provider of {@code kind}: class {@code className} (fully qualified, in a
   * package), plugin name {@code pluginName}, no options, and components that do nothing.
   */
  public static String providerSource(Kind kind, String className, String pluginName) {
    int dot = className.lastIndexOf('.');
    String body = switch (kind) {
      case MODEL -> "public Model create(Params p) { return new Model() {\n"
          + "  public dev.kiln.api.train.Fit fit(dev.kiln.api.data.Dataset d, dev.kiln.api.train.Training t) {"
          + " throw new UnsupportedOperationException(); }\n"
          + "  public org.nd4j.linalg.api.ndarray.INDArray predict(org.nd4j.linalg.api.ndarray.INDArray x) {"
          + " return x; } }; }";
      case OPTIMIZER -> "public Optimizer create(Params p) { return parameters -> { }; }";
      case METRIC -> "public Class<?> inputType() { return Object.class; }\n"
          + "public Metric<?> create(Params p) { return (Metric<Object>) input -> Score.of(0); }";
      case DECODER -> "public Decoder create(Params p) { return (lm, prompt, o) -> new Generation(new int[0], 0); }";
    };
    return "package " + className.substring(0, dot) + ";\nimport dev.kiln.api.*;\n"
        + "public final class " + className.substring(dot + 1) + " implements "
        + kind.service().getSimpleName() + " {\n"
        + "public String name() { return \"" + pluginName + "\"; }\n"
        + "public String summary() { return \"generated " + kind.label() + " " + pluginName + "\"; }\n"
        + "public String description() { return \"A plugin generated by PluginJars. Source: none.\"; }\n"
        + "public Schema schema() { return Schema.empty(); }\n" + body + "\n}\n";
  }

  /**
   * Writes {@code count} distinct optimizer plugin jars {@code plugin-0000.jar, ...} into {@code folder}
   * (created if absent), named {@code generated-0000, ...}, with version {@code 1.0.<i>}. All the
   * classes are compiled in one compiler run. Returns the jars in order.
   */
  public static List<Path> writeMany(Path folder, int count) {
    List<String> names = IntStream.range(0, count)
        .mapToObj(i -> String.format(Locale.ROOT, "kiln.generated.p%04d.Plugin", i)).toList();
    Map<String, String> sources = new LinkedHashMap<>();
    IntStream.range(0, count).forEach(i -> sources.put(names.get(i),
        providerSource(Kind.OPTIMIZER, names.get(i), String.format(Locale.ROOT, "generated-%04d", i))));
    Map<String, byte[]> classes = compile(sources, null);
    return IntStream.range(0, count).mapToObj(i -> writeJar(folder.resolve(String.format(Locale.ROOT,
        "plugin-%04d.jar", i)), "1.0." + i, Map.of(names.get(i), classes.get(names.get(i))),
        Map.of(Kind.OPTIMIZER.service().getName(), List.of(names.get(i))))).toList();
  }

  /** Writes {@code size} seeded random bytes to {@code jar}: a file no zip reader accepts. */
  public static Path writeCorrupt(Path jar, int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    try {
      return Files.write(createParent(jar), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A copy of {@code classFile} whose major version (bytes 6-7) is {@code major}, e.g. 99 to simulate a
   * class compiled for a newer Java than the running one.
   */
  public static byte[] withMajorVersion(byte[] classFile, int major) {
    if (classFile.length < 8 || (classFile[0] & 0xff) != 0xCA || (classFile[1] & 0xff) != 0xFE) {
      throw new IllegalArgumentException("not a class file (no 0xCAFEBABE magic)");
    }
    byte[] copy = classFile.clone();
    copy[6] = (byte) (major >>> 8);
    copy[7] = (byte) major;
    return copy;
  }

  private static Path createParent(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    return file;
  }

  /** The current {@code java.class.path}, plus where the Kiln API classes lie when that is a jar or folder. */
  private static String classPath() {
    CodeSource api = Kind.class.getProtectionDomain().getCodeSource();
    String path = System.getProperty("java.class.path", "");
    return api == null || !"file".equals(api.getLocation().getProtocol()) ? path
        : path + File.pathSeparator + Path.of(URI.create(api.getLocation().toExternalForm()));
  }
}
