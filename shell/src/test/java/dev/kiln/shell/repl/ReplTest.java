package dev.kiln.shell.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.Kind;
import dev.kiln.api.PluginLoader;
import dev.kiln.api.Registry;
import dev.kiln.shell.js.JsSession;
import dev.kiln.shell.js.Sessions;
import dev.kiln.testkit.PluginJars;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.jline.reader.Candidate;
import org.jline.reader.Parser;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REPL driven through a dumb terminal, as a user at a keyboard would drive it. */
class ReplTest {
  private PipedOutputStream keyboard;
  private ByteArrayOutputStream screen;
  private Terminal terminal;
  private JsSession session;
  private Thread loop;

  @BeforeEach
  void start(@TempDir Path home) throws IOException {
    keyboard = new PipedOutputStream();
    PipedInputStream input = new PipedInputStream(keyboard, 1 << 16);
    screen = new ByteArrayOutputStream();
    terminal = new DumbTerminal(input, screen);
    session = new JsSession(Sessions.ENGINE, Sessions.REGISTRY, "test", List.of(), screen, screen, null);
    Repl repl = new Repl(terminal, session, Sessions.REGISTRY, home.resolve("history"));
    loop = new Thread(repl::run, "repl");
    loop.start();
  }

  @AfterEach
  void stop() throws Exception {
    keyboard.close();
    loop.join(10_000);
    session.close();
    terminal.close();
  }

  private void type(String lines) throws IOException {
    keyboard.write(lines.getBytes(StandardCharsets.UTF_8));
    keyboard.flush();
  }

  /** Waits until the screen shows {@code text}, then returns everything shown so far. */
  private String awaitScreen(String text) {
    return assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      while (!shown().contains(text)) {
        Thread.sleep(20);
      }
      return shown();
    }, () -> "never showed '" + text + "'; the screen was:\n" + shown());
  }

  private String shown() {
    synchronized (screen) {
      return screen.toString(StandardCharsets.UTF_8);
    }
  }

  @Test
  void multiLineFunctionDefinition() throws IOException {
    type("function twice(x) {\n  return 2 * x\n}\ntwice(21) + 'ok'\n");
    assertTrue(awaitScreen("'42ok'").contains("'42ok'"));
  }

  @Test
  void anUnfinishedTemplateLiteralContinues() throws IOException {
    type("`first\nsecond` + ' done'\n");
    assertTrue(awaitScreen("done'").contains("second done"), shown());
  }

  @Test
  void anErrorLeavesTheSessionAlive() throws IOException {
    type("let a = 5\nundefinedThing.foo\nkiln.model('nope')\nlet b = ;\na * 2 + 0.5\n");
    String screenText = awaitScreen("10.5");
    assertTrue(screenText.contains("error: ReferenceError: undefinedThing is not defined"), screenText);
    assertTrue(screenText.contains("error: unknown model 'nope'"), screenText);
    assertTrue(screenText.contains("error: SyntaxError"), screenText);
  }

  @Test
  void ctrlCCancelsALongFitAndKeepsTheSession() throws Exception {
    type("""
        var xs = []; var ys = []; for (let i = 0; i < 2000; i++) { xs.push([i % 10]); ys.push(i % 7); }
        var d = kiln.data.fromArrays(xs, ys)
        'ready'
        kiln.model('linear-regression').fit(d, {optimizer: kiln.optimizer('sgd', {lr: 1e-4}), epochs: 100000, batchSize: 1})
        """);
    awaitScreen("'ready'");
    Thread.sleep(1500);
    terminal.raise(Terminal.Signal.INT);
    awaitScreen("error: cancelled");
    type("'still here'\n");
    awaitScreen("'still here'");
  }

  @Test
  void pluginsCommandPrintsTheTable() throws IOException {
    type(":plugins\n'done'\n");
    String screenText = awaitScreen("'done'");
    assertTrue(screenText.contains("KIND") && screenText.contains("sgd") && screenText.contains("kiln-optim"),
        screenText);
  }

  @Test
  void traceShowsTheErrorOnceWithItsJavaScriptAndKilnFrames() throws IOException {
    type("function make() { return kiln.model('linear-regresion') }\nmake()\n:trace\n'end'\n");
    String screenText = awaitScreen("'end'");
    assertEquals(2, screenText.split("unknown model 'linear-regresion'", -1).length - 1,
        "once as the error, once in the trace: " + screenText);
    assertTrue(screenText.contains("at <js> make") && screenText.contains("at dev.kiln.api.Registry"), screenText);
    assertFalse(screenText.contains("com.oracle.truffle"), screenText);
  }

  @Test
  void helpAndUnknownCommands() throws IOException {
    type(":help\n:help sgd\n:rel\n:hlp\n:trace\n");
    String screenText = awaitScreen("did you mean ':help'");
    assertTrue(screenText.contains("unknown command :rel (did you mean ':reload'?)"), screenText);
    assertTrue(screenText.contains(":reload") && screenText.contains("Options:"), screenText);
  }

  @Test
  void aCommandFailingInPluginCodePrintsOneErrorAndKeepsTheSession(@TempDir Path plugins) throws IOException {
    String empty = "public Schema schema() { return Schema.empty(); }";
    PluginJars.sourceJar(plugins.resolve("boom.jar"), "1", Kind.OPTIMIZER, "t.help.Boom",
        PluginJars.providerSource(Kind.OPTIMIZER, "t.help.Boom", "boom").replace(empty,
            empty + "\npublic String help() { throw new IllegalStateException(\"help boom\"); }"));
    Registry registry = new Registry(new PluginLoader(null, List.of(plugins)));
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    try (Terminal dumb = new DumbTerminal(InputStream.nullInputStream(), text);
        JsSession alone = new JsSession(Sessions.ENGINE, registry, "test", List.of(), text, text, null)) {
      Repl repl = new Repl(dumb, alone, registry, null);
      assertTrue(repl.handle(":help boom"));
      assertTrue(repl.handle("'still ' + 'here'"));
      assertEquals(List.of("error: java.lang.IllegalStateException: help boom", "'still here'"),
          text.toString(StandardCharsets.UTF_8).lines().toList());
    }
  }

  @Test
  void helpOnAModelVariableShowsItsProvenance() throws IOException {
    type("var lm = kiln.model('bigram'); lm.fit(kiln.data.nextToken([0, 1, 2, 1, 0]))\n:help lm\n'done'\n");
    String screenText = awaitScreen("'done'");
    assertTrue(screenText.contains("Provenance:") && screenText.contains("\"dataSha256\"")
        && screenText.contains("bigram — "), screenText);
  }

  @Test
  void loadRunsAFileInTheSession(@TempDir Path dir) throws IOException {
    Path script = dir.resolve("s.js");
    Files.writeString(script, "var loaded = 6 * 7\n");
    type(":load " + script + "\nloaded\n:load '" + script + "'\nloaded + 1\n:load " + dir.resolve("missing.js")
        + "\n");
    String screenText = awaitScreen("no such file");
    assertTrue(screenText.contains("42") && screenText.contains("43"), screenText);
  }

  @Test
  void quitLeaves() throws Exception {
    type(":quit\n");
    loop.join(10_000);
    assertTrue(!loop.isAlive());
  }

  @Test
  void completesMembersAndPluginNames() {
    awaitScreen("Ctrl-D to leave"); // the REPL thread has left the context: JS allows one thread in it at a time
    session.eval("const iris = kiln.data.load('iris')", JsSession.REPL_SOURCE);
    ReplCompleter completer = new ReplCompleter(Sessions.REGISTRY, session::globals);
    ReplParser parser = new ReplParser(code -> false);
    assertTrue(complete(completer, parser, "kiln.mo").contains("kiln.model"));
    assertTrue(complete(completer, parser, "kiln.data.c").contains("kiln.data.csv"));
    assertTrue(complete(completer, parser, "kiln.optimizer('s").contains("sgd"));
    assertTrue(complete(completer, parser, "kiln.model(\"li").contains("linear-regression"));
    assertTrue(complete(completer, parser, ":pl").contains(":plugins"));
    assertTrue(complete(completer, parser, "ir").contains("iris"));
    assertTrue(complete(completer, parser, "iris.sp").contains("iris.split"));
    assertTrue(complete(completer, parser, "kiln.data.load('w").contains("wine"));
    assertEquals(List.of(), complete(completer, parser, "kiln.model('").stream()
        .filter(c -> c.equals("sgd")).collect(Collectors.toList()));
  }

  private static List<String> complete(ReplCompleter completer, ReplParser parser, String line) {
    List<Candidate> candidates = new ArrayList<>();
    completer.complete(null, parser.parse(line, line.length(), Parser.ParseContext.COMPLETE), candidates);
    return candidates.stream().map(Candidate::value).collect(Collectors.toList());
  }
}
