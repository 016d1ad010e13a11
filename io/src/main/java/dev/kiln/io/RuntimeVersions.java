package dev.kiln.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;

/** The versions a trained model's provenance records and {@code kiln --version} prints. */
public final class RuntimeVersions {
  private RuntimeVersions() {}

  /** Kiln's version from the jar manifest ("dev" when run from classes). */
  public static String kiln() {
    String version = RuntimeVersions.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }

  /** ND4J's version from its Maven metadata. */
  public static String nd4j() {
    String path = "META-INF/maven/org.nd4j/nd4j-api/pom.properties";
    try (InputStream in = Nd4j.class.getClassLoader().getResourceAsStream(path)) {
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

  /** The ND4J backend, such as "CpuBackend (CPU)"; starts ND4J. */
  public static String backend() {
    return Nd4j.getBackend().getClass().getSimpleName() + " ("
        + Nd4j.getExecutioner().getEnvironmentInformation().getProperty("backend", "?") + ")";
  }

  /** The Java runtime: version and vendor. */
  public static String java() {
    return Runtime.version() + " (" + System.getProperty("java.vendor") + ")";
  }
}
