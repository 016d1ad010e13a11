package dev.kiln.shell.repl;

import dev.kiln.api.Names;
import dev.kiln.api.PluginInfo;
import dev.kiln.api.Provider;
import dev.kiln.api.Registry;
import dev.kiln.shell.PluginTable;
import dev.kiln.shell.js.JsPrinter;
import dev.kiln.shell.js.JsSession;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * The read-eval-print loop: reads (multi-line) JavaScript or a colon command with JLine, evaluates it in
 * the session, prints the result or a one-line error, and survives both. Ctrl-C during an evaluation
 * cancels it; Ctrl-C at the prompt clears the line; Ctrl-D or {@code :quit} leaves.
 */
public final class Repl {
  /** Stack frames of GraalVM and the JDK, which {@code :trace} leaves out. */
  private static final Pattern INTERNAL_FRAMES = Pattern.compile(
      "(com\\.oracle\\.truffle|org\\.graalvm|jdk\\.internal|java\\.lang\\.reflect)\\.");
  private final Terminal terminal;
  private final JsSession session;
  private final Registry registry;
  private final LineReader reader;
  private final PrintWriter out;

  /** A REPL on {@code terminal}; {@code history} is the history file ({@code null}: none). */
  public Repl(Terminal terminal, JsSession session, Registry registry, Path history) {
    this.terminal = terminal;
    this.session = session;
    this.registry = registry;
    this.out = terminal.writer();
    LineReaderBuilder builder = LineReaderBuilder.builder()
        .terminal(terminal)
        .appName("kiln")
        .parser(new ReplParser(session::isIncomplete))
        .completer(new ReplCompleter(registry, session::globals))
        .variable(LineReader.SECONDARY_PROMPT_PATTERN, "%P.... ")
        .option(LineReader.Option.INSERT_BRACKET, false)
        .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true);
    if (history != null) {
      builder.variable(LineReader.HISTORY_FILE, history);
    }
    this.reader = builder.build();
  }

  /** Runs until Ctrl-D or {@code :quit}. */
  public void run() {
    out.println("Kiln " + session.globals().getMember("kiln").getMember("version").asString()
        + " — JavaScript ML shell. :help for help, Ctrl-D to leave.");
    PluginTable.warnings(registry).forEach(out::println);
    out.flush();
    Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, signal -> session.cancel());
    try {
      while (true) {
        String line;
        try {
          line = reader.readLine("kiln> ");
        } catch (UserInterruptException e) {
          continue;
        } catch (EndOfFileException e) {
          return;
        }
        if (!handle(line.strip())) {
          return;
        }
      }
    } finally {
      terminal.handle(Terminal.Signal.INT, previous);
      out.flush();
    }
  }

  /** Evaluates one input; false to leave. */
  boolean handle(String input) {
    if (input.isEmpty()) {
      return true;
    }
    if (input.startsWith(":")) {
      return command(input);
    }
    evaluate(input, JsSession.REPL_SOURCE);
    return true;
  }

  /** Runs one colon command; false to leave. A failure (in a plugin's help, say) prints one error line. */
  private boolean command(String input) {
    String[] parts = input.split("\\s+", 2);
    String argument = parts.length > 1 ? parts[1].strip() : "";
    try {
      switch (parts[0]) {
        case ":quit", ":q", ":exit" -> {
          return false;
        }
        case ":help" -> print(argument.isEmpty() ? Commands.HELP : helpFor(argument));
        case ":plugins" -> print(PluginTable.render(registry));
        case ":reload" -> {
          registry.reload();
          print("reloaded: " + registry.plugins().size() + " plugins from the classpath and "
              + registry.folders());
          PluginTable.warnings(registry).forEach(this::print);
        }
        case ":trace" -> print(session.lastError() == null ? "no error yet" : trace(session.lastError()));
        case ":load" -> load(argument);
        default -> print("error: unknown command " + parts[0] + Names.suggestion(parts[0], Commands.NAMES)
            + "; :help lists the commands");
      }
    } catch (RuntimeException e) {
      print("error: " + JsSession.describe(e));
    }
    return true;
  }

  /** A plugin's help, or for a variable holding a model: what it is, its plugin's help and its provenance. */
  private String helpFor(String name) {
    Value variable = session.globals().getMember(name);
    if (variable != null && variable.hasMember("provenance") && variable.hasMember("__repr__")) {
      Value provenance = variable.getMember("provenance").execute();
      String pluginHelp = registry.find(variable.getMember("name").asString()).map(Provider::help).orElse("");
      return JsPrinter.show(variable) + "\n\nProvenance:\n" + (provenance.isNull() ? "  (not fitted yet)"
          : session.globals().getMember("JSON").invokeMember("stringify", provenance, null, 2).asString())
          + "\n\n" + pluginHelp;
    }
    return registry.find(name).map(Provider::help).orElse("error: no plugin or model variable named '" + name
        + "'" + Names.suggestion(name, registry.plugins().stream().map(PluginInfo::name).toList())
        + "; :plugins lists the plugins");
  }

  private void load(String argument) {
    String file = argument.matches("(['\"]).*\\1") ? argument.substring(1, argument.length() - 1) : argument;
    if (file.isEmpty()) {
      print("error: :load needs a file, e.g. :load examples/linear-regression.js");
      return;
    }
    String code;
    try {
      code = Files.readString(Path.of(file), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      print("error: no such file: " + file);
      return;
    } catch (IOException e) {
      print("error: cannot read " + file + ": " + e.getMessage());
      return;
    }
    evaluate(code, file);
  }

  private void evaluate(String code, String name) {
    try {
      Value result = session.eval(code, name);
      String shown = JsPrinter.show(result);
      if (shown != null) {
        print(shown);
      }
    } catch (RuntimeException e) {
      print("error: " + JsSession.describe(e));
    }
  }

  /**
   * The last error's stack for {@code :trace}: its message once, the JavaScript frames, then, for an error
   * thrown by Java code, that exception's frames and causes, leaving out GraalVM's and the JDK's own.
   */
  static String trace(Throwable error) {
    PolyglotException polyglot = error instanceof PolyglotException p ? p : null;
    Throwable shown = polyglot != null && polyglot.isHostException() ? polyglot.asHostException() : error;
    StringBuilder text = new StringBuilder(shown.toString());
    if (polyglot != null) {
      for (PolyglotException.StackFrame frame : polyglot.getPolyglotStackTrace()) {
        if (frame.isGuestFrame()) {
          text.append("\n  at ").append(frame);
        }
      }
    }
    if (shown == polyglot) {
      return text.toString();                       // a JavaScript error: its frames are all there is
    }
    for (Throwable t = shown; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t != shown) {
        text.append("\ncaused by ").append(t);
      }
      for (StackTraceElement frame : t.getStackTrace()) {
        if (!INTERNAL_FRAMES.matcher(frame.getClassName()).lookingAt()) {
          text.append("\n  at ").append(frame);
        }
      }
    }
    return text.toString();
  }

  private void print(String text) {
    out.println(text);
    out.flush();
  }
}
