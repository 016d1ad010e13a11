package dev.kiln.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import dev.kiln.api.PluginLoader;
import dev.kiln.api.Registry;
import dev.kiln.inject.KilnModule;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Runs every example: each {@code *.js} as {@code kiln run} would, and the Java embedding app. */
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

  @Test
  void embeddingTrainsWithBothRegistries() {
    EmbedExample.main(new String[0]);
    assertTrue(EmbedExample.train(new Registry(new PluginLoader(
        getClass().getClassLoader(), List.of())), true) < 1e-3);
    assertTrue(EmbedExample.train(Guice.createInjector(new KilnModule())
        .getInstance(Registry.class), false) < 2e-4);
  }
}
