package dev.kiln.shell;

import com.google.inject.Inject;
import com.google.inject.Provider;
import dev.kiln.api.Registry;
import dev.kiln.api.train.TrainingListener;
import dev.kiln.io.RuntimeVersions;
import dev.kiln.shell.js.JsPrinter;
import dev.kiln.shell.js.JsSession;
import dev.kiln.shell.repl.Repl;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Value;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/** Carries out one {@link Invocation}: the REPL, a script, an expression, the plugin table or a benchmark. */
public final class Cli {
  private final Invocation invocation;
  private final Registry registry;
  private final Provider<Engine> engine;

  @Inject
  Cli(Invocation invocation, Registry registry, Provider<Engine> engine) {
    this.invocation = invocation;
    this.registry = registry;
    this.engine = engine;
  }

  /** Runs the invocation; returns the process exit code. */
  public int run(InputStream in, PrintStream out, PrintStream err) {
    switch (invocation.command()) {
      case HELP -> out.println(Invocation.USAGE);
      case VERSION -> out.println(Versions.report(engine.get()));
      case PLUGINS -> out.println(PluginTable.render(registry));
      case BENCH -> {
        return new Bench(out).run(invocation.argument());
      }
      case EVAL -> {
        return evaluate(invocation.argument(), "<command line>", true, out, err);
      }
      case RUN -> {
        return runScript(Path.of(invocation.argument()), out, err);
      }
      case REPL -> {
        return repl(in, out);
      }
    }
    return 0;
  }

  private int runScript(Path file, PrintStream out, PrintStream err) {
    String code;
    try {
      code = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      err.println("error: no such file: " + file);
      return 1;
    } catch (IOException e) {
      err.println("error: cannot read " + file + ": " + e.getMessage());
      return 1;
    }
    return evaluate(code, file.toString(), false, out, err);
  }

  private int evaluate(String code, String name, boolean print, PrintStream out, PrintStream err) {
    PluginTable.warnings(registry).forEach(w -> err.println("kiln: " + w));
    Supplier<TrainingListener> progress = System.console() == null ? null : () -> new ProgressBars(err, 100);
    try (JsSession session = new JsSession(engine.get(), registry, RuntimeVersions.kiln(), invocation.args(), out, err,
        progress)) {
      Value result = session.eval(code, name);
      String shown = print ? JsPrinter.show(result) : null;
      if (shown != null) {
        out.println(shown);
      }
      return 0;
    } catch (RuntimeException e) {
      err.println("error: " + JsSession.describe(e));
      return 1;
    }
  }

  private int repl(InputStream in, PrintStream out) {
    try (Terminal terminal = TerminalBuilder.builder().name("kiln").streams(in, out).system(in == System.in)
        .dumb(true).build()) {
      Path history = Path.of(System.getProperty("user.home"), ".kiln", "history");
      Files.createDirectories(history.getParent());
      boolean dumb = terminal.getType().startsWith(Terminal.TYPE_DUMB);
      Supplier<TrainingListener> progress = dumb ? null : () -> new ProgressBars(
          new PrintStream(terminal.output(), true, StandardCharsets.UTF_8), terminal.getWidth());
      try (JsSession session = new JsSession(engine.get(), registry, RuntimeVersions.kiln(), List.of(),
          terminal.output(), terminal.output(), progress)) {
        new Repl(terminal, session, registry, history).run();
      }
      return 0;
    } catch (IOException e) {
      out.println("error: cannot open the terminal: " + e.getMessage());
      return 1;
    }
  }
}
