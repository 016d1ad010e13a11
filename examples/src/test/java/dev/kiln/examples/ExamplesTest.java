package dev.kiln.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import dev.kiln.shell.Cli;
import dev.kiln.shell.Invocation;
import dev.kiln.shell.ShellModule;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every example: each {@code *.js} as {@code kiln run} would, and the embedding app in {@code embed/},
 * a separate Maven project built against the Kiln artifacts that {@code mvn install} has just installed.
 */
class ExamplesTest {
  @TestFactory
  Stream<DynamicTest> everyScriptRuns() throws IOException {
    List<Path> scripts;
    try (Stream<Path> files = Files.list(Path.of("."))) {
      scripts = files.filter(p -> p.toString().endsWith(".js")).sorted().toList();
    }
    assertTrue(scripts.size() >= 2, "examples: " + scripts);
    return scripts.stream().map(script -> DynamicTest.dynamicTest(script.getFileName().toString(), () -> {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code = Guice.createInjector(new ShellModule(Invocation.parse("run", script.toString())))
          .getInstance(Cli.class).run(new ByteArrayInputStream(new byte[0]),
              new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
      System.out.print(out.toString(StandardCharsets.UTF_8));
      assertEquals(0, code, script + " failed: " + err.toString(StandardCharsets.UTF_8));
    }));
  }

  /**
   * Builds and tests {@code embed/} like an outside application: offline, from the local repository, so it
   * needs the Kiln artifacts installed by this same {@code mvn install} (the examples module builds last).
   */
  @Test
  void embeddingProjectBuildsAndPassesItsTests() throws Exception {
    Path log = Files.createTempFile("kiln-embed", ".log");
    Process maven = new ProcessBuilder("mvn", "-B", "-o", "-Dstyle.color=never", "-f", "embed/pom.xml", "verify")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean finished = maven.waitFor(10, TimeUnit.MINUTES);
    String output = Files.readString(log);
    System.out.println(output.lines().filter(l -> l.contains("Tests run") || l.contains("accuracy")
        || l.contains("BUILD")).reduce("", (a, b) -> a + b + "\n"));
    assertTrue(finished, "the embed build took over 10 minutes");
    assertEquals(0, maven.exitValue(), "mvn -f examples/embed/pom.xml verify failed (was `mvn install` run?):\n"
        + output.lines().filter(l -> l.startsWith("[ERROR]")).limit(20).reduce("", (a, b) -> a + b + "\n"));
  }
}
