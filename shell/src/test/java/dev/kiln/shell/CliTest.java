package dev.kiln.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import dev.kiln.api.KilnException;
import dev.kiln.api.Kind;
import dev.kiln.testkit.PluginJars;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kiln run}, {@code -e}, {@code plugins} and usage errors: exit codes and one-line messages. */
class CliTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int kiln(String... args) {
    Invocation invocation = Invocation.parse(args);
    return Guice.createInjector(new ShellModule(invocation)).getInstance(Cli.class).run(
        new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void runSucceedsWithArguments(@TempDir Path dir) throws IOException {
    Path script = Files.writeString(dir.resolve("ok.js"), "console.log('args:', kiln.args.join(' '))\n");
    assertEquals(0, kiln("run", script.toString(), "one", "two"));
    assertEquals("args: one two", stdout().strip());
  }

  @Test
  void runFailsWithExitCodeOneAndALocatedMessage(@TempDir Path dir) throws IOException {
    Path script = Files.writeString(dir.resolve("bad.js"), "let a = 1\nkiln.model('nope')\n");
    assertEquals(1, kiln("run", script.toString()));
    assertEquals(1, stderr().strip().lines().count(), stderr());
    assertTrue(stderr().contains("unknown model 'nope'") && stderr().contains("bad.js:2"), stderr());
  }

  @Test
  void syntaxErrorNamesFileAndLine(@TempDir Path dir) throws IOException {
    Path script = Files.writeString(dir.resolve("syntax.js"), "let a = 1\nlet b = ;\n");
    assertEquals(1, kiln("run", script.toString()));
    assertTrue(stderr().contains("SyntaxError") && stderr().contains("syntax.js:2"), stderr());
    assertEquals(1, stderr().strip().lines().count(), stderr());
  }

  @Test
  void missingScript() {
    assertEquals(1, kiln("run", "/no/such/script.js"));
    assertEquals("error: no such file: /no/such/script.js", stderr().strip());
  }

  @Test
  void evalPrintsTheResult() {
    assertEquals(0, kiln("-e", "[1, 2].map(x => x * 10)"));
    assertEquals("[10, 20]", stdout().strip());
  }

  @Test
  void pluginsPrintsATable() {
    assertEquals(0, kiln("plugins"));
    assertTrue(stdout().startsWith("KIND") && stdout().contains("linear-regression"), stdout());
  }

  @Test
  void droppedInPluginJarIsUsableFromScripts(@TempDir Path plugins) throws IOException {
    PluginJars.providerJar(plugins.resolve("echo.jar"), "2.5", Kind.MODEL, "org.example.Echo", "echo");
    PluginJars.writeCorrupt(plugins.resolve("broken.jar"), 64, 1);
    String warning = "kiln: warning: plugin not loaded: " + plugins.resolve("broken.jar") + ": not a readable jar";
    assertEquals(0, kiln("--plugins", plugins.toString(), "-e", "kiln.model('echo').predict([[1, 2]]).toArray()"));
    assertEquals("[[1, 2]]", stdout().strip());
    assertEquals(1, stderr().strip().lines().count(), stderr());
    assertTrue(stderr().startsWith(warning), stderr());
    out.reset();
    err.reset();
    Path script = Files.writeString(plugins.resolve("echo.js"), "console.log(kiln.plugins().length > 1)\n");
    assertEquals(0, kiln("--plugins", plugins.toString(), "run", script.toString()));
    assertEquals("true", stdout().strip());
    assertTrue(stderr().startsWith(warning), stderr());
    out.reset();
    assertEquals(0, kiln("--plugins", plugins.toString(), "plugins"));
    assertTrue(stdout().contains("echo.jar") && stdout().contains("2.5"), stdout());
    assertTrue(stdout().contains("not loaded: " + plugins.resolve("broken.jar") + ": not a readable jar"), stdout());
  }

  @Test
  void pluginsListsTheOthersWhenAProviderBreaksTheContract(@TempDir Path plugins) {
    Path nameless = PluginJars.sourceJar(plugins.resolve("nameless.jar"), "1", Kind.METRIC, "org.example.Nameless",
        PluginJars.providerSource(Kind.METRIC, "org.example.Nameless", "x").replace("return \"x\";", "return null;"));
    PluginJars.providerJar(plugins.resolve("echo.jar"), "2.5", Kind.MODEL, "org.example.Echo", "echo");
    assertEquals(0, kiln("--plugins", plugins.toString(), "plugins"));
    assertTrue(stdout().contains("echo.jar") && stdout().contains("linear-regression"), stdout());
    assertTrue(stdout().contains("not loaded: " + nameless + " (org.example.Nameless): name() returned null"),
        stdout());
    assertEquals("", stderr());
  }

  @Test
  void usageErrorsSuggest() {
    KilnException e = assertThrows(KilnException.class, () -> Invocation.parse("plugin"));
    assertTrue(e.getMessage().contains("did you mean 'plugins'"), e.getMessage());
    assertThrows(KilnException.class, () -> Invocation.parse("--plugins"));
    assertThrows(KilnException.class, () -> Invocation.parse("run"));
    assertEquals(Invocation.Command.REPL, Invocation.parse("--plugins", "/tmp", "--verbose").command());
  }
}
