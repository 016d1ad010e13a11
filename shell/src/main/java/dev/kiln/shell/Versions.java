package dev.kiln.shell;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import org.graalvm.polyglot.Engine;
import org.nd4j.linalg.factory.Nd4j;

/** Version strings for {@code kiln --version} and {@code kiln.version}. */
public final class Versions {
  private Versions() {}

  /** Kiln's version from the shell jar's manifest ("dev" when run from classes). */
  public static String kiln() {
    String version = Versions.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }

  /** Every line of {@code kiln --version}: Kiln, ND4J and its backend, Java, GraalJS. Starts ND4J. */
  public static String report(Engine engine) {
    return String.join("\n",
        "Kiln " + kiln(),
        "ND4J " + mavenVersion(Nd4j.class, "org.nd4j", "nd4j-api") + ", backend " + Nd4j.getBackend().getClass().getSimpleName()
            + " (" + Nd4j.getExecutioner().getEnvironmentInformation().getProperty("backend", "?") + "), "
            + Nd4j.getEnvironment().maxMasterThreads() + " threads",
        "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ") on "
            + System.getProperty("os.name") + " " + System.getProperty("os.arch"),
        "GraalVM polyglot " + graalVersion() + " with " + String.join(", ", engine.getLanguages().keySet()));
  }

  /** The Implementation-Version of GraalVM's polyglot jar manifest. */
  private static String graalVersion() {
    try (JarFile jar = new JarFile(Path.of(Engine.class.getProtectionDomain().getCodeSource().getLocation()
        .toURI()).toFile())) {
      String version = jar.getManifest().getMainAttributes().getValue(Attributes.Name.IMPLEMENTATION_VERSION);
      return version == null ? "unknown" : version;
    } catch (IOException | URISyntaxException | RuntimeException e) {
      return "unknown";
    }
  }

  /** The version in a jar's Maven metadata, looked up through the loader of one of its classes. */
  private static String mavenVersion(Class<?> anchor, String group, String artifact) {
    String path = "META-INF/maven/" + group + "/" + artifact + "/pom.properties";
    try (InputStream in = anchor.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
