package dev.kiln.shell;

import dev.kiln.io.RuntimeVersions;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import org.graalvm.polyglot.Engine;
import org.nd4j.linalg.factory.Nd4j;

/** The report of {@code kiln --version}, from {@link RuntimeVersions} plus the shell's own GraalVM. */
public final class Versions {
  private Versions() {}

  /** Every line of {@code kiln --version}: Kiln, ND4J and its backend, Java, GraalJS. Starts ND4J. */
  public static String report(Engine engine) {
    return String.join("\n",
        "Kiln " + RuntimeVersions.kiln(),
        "ND4J " + RuntimeVersions.nd4j() + ", backend " + RuntimeVersions.backend() + ", "
            + Nd4j.getEnvironment().maxMasterThreads() + " threads",
        "Java " + RuntimeVersions.java() + " on " + System.getProperty("os.name") + " " + System.getProperty("os.arch"),
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
}
