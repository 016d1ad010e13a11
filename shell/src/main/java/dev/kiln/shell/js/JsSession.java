package dev.kiln.shell.js;

import dev.kiln.api.KilnException;
import dev.kiln.api.Registry;
import dev.kiln.api.train.Cancellation;
import dev.kiln.api.train.CancelledException;
import dev.kiln.api.train.Training;
import dev.kiln.api.train.TrainingListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;

/**
 * One JavaScript context with the {@code kiln} global installed, sandboxed: only the bridge's exported
 * methods are reachable from scripts; host class lookup ({@code Java.type}), file and process access,
 * threads, native access and environment variables are refused.
 *
 * <p>Evaluations run on the caller's thread; {@link #cancel()} may be called from another thread (the
 * Ctrl-C handler): it stops training between batches and interrupts running JavaScript.
 */
public final class JsSession implements AutoCloseable {
  private static final String PRELUDE = "dev/kiln/shell/js/kiln.js";
  /** The source name of REPL input; like every name in angle brackets, its errors carry no location. */
  public static final String REPL_SOURCE = "<repl>";

  private final Context context;
  /** {@code v instanceof Error}, to tell a thrown Error from any other thrown value. */
  private final Value isError;
  private volatile Cancellation cancellation = new Cancellation();
  private volatile Throwable lastError;

  /**
   * @param engine the shared engine (one per process)
   * @param args the script arguments, {@code kiln.args}
   * @param out where {@code console.log} writes
   * @param progress progress bars for training, or {@code null} for none
   */
  public JsSession(Engine engine, Registry registry, String version, List<String> args, OutputStream out,
      OutputStream err, Supplier<TrainingListener> progress) {
    this.context = Context.newBuilder("js")
        .engine(engine)
        .allowHostAccess(HostAccess.EXPLICIT)
        .allowHostClassLookup(className -> false)
        .allowPolyglotAccess(PolyglotAccess.NONE)
        .allowIO(IOAccess.NONE)
        .allowCreateProcess(false)
        .allowCreateThread(false)
        .allowNativeAccess(false)
        .allowEnvironmentAccess(EnvironmentAccess.NONE)
        // a rejected promise that nothing handles fails the evaluation, as in Node, instead of passing silently
        .option("js.unhandled-rejections", "throw")
        .out(out)
        .err(err)
        .build();
    Bridge bridge = new Bridge(registry, () -> Training.defaults().withCancellation(cancellation), progress,
        version);
    Value install = context.eval(Source.newBuilder("js", prelude(), "kiln.js").buildLiteral());
    Value jsArgs = context.eval("js", "[]");
    for (int i = 0; i < args.size(); i++) {
      jsArgs.setArrayElement(i, args.get(i));
    }
    Value kiln = install.execute(bridge, jsArgs);
    context.getBindings("js").putMember("kiln", kiln);
    isError = context.eval("js", "(v) => v instanceof Error");
  }

  private static String prelude() {
    try (InputStream in = JsSession.class.getClassLoader().getResourceAsStream(PRELUDE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Evaluates {@code code}; {@code name} appears in error locations (a file name, or "<repl>"). A thrown object
   * that is not an Error, such as {@code throw {code: 2}}, fails as a {@link KilnException} that shows it the way
   * the REPL shows values (its message would otherwise be just "Error", and the context that holds the value
   * may be closed by the time the error is printed).
   */
  public Value eval(String code, String name) {
    cancellation = new Cancellation();
    try {
      return context.eval(Source.newBuilder("js", code, name).buildLiteral());
    } catch (PolyglotException e) {
      Value thrown = e.isGuestException() ? e.getGuestObject() : null;
      RuntimeException error = thrown != null && thrown.hasMembers() && !isError.execute(thrown).asBoolean()
          ? new KilnException("uncaught " + JsPrinter.format(thrown, 0) + where(e), e) : e;
      lastError = error;
      throw error;
    } catch (RuntimeException e) {
      lastError = e;
      throw e;
    }
  }

  /** True when {@code code} is a syntactically incomplete program that more lines may finish. */
  public boolean isIncomplete(String code) {
    try {
      context.parse(Source.newBuilder("js", code, REPL_SOURCE).buildLiteral());
      return false;
    } catch (PolyglotException e) {
      return e.isIncompleteSource() || e.isSyntaxError() && OpenText.endsInside(code);
    }
  }

  /** Stops the running evaluation: training at its next batch, JavaScript at its next safepoint. */
  public void cancel() {
    cancellation.cancel();
    Thread interrupter = new Thread(() -> {
      try {
        context.interrupt(Duration.ofSeconds(5));
      } catch (TimeoutException | IllegalStateException e) {
        // the evaluation ended, or is in host code that polls the cancellation flag instead
      }
    }, "kiln-interrupt");
    interrupter.setDaemon(true);
    interrupter.start();
  }

  /** The global scope (every global variable, {@code kiln} included), for completion. */
  public Value globals() {
    return context.getBindings("js");
  }

  /** The stack trace of the last failed evaluation, for {@code :trace}. */
  public Throwable lastError() {
    return lastError;
  }

  /** A one-line description of an evaluation failure: the message, and where in the script. */
  public static String describe(Throwable error) {
    if (!(error instanceof PolyglotException e)) {
      return firstLine(error instanceof KilnException ? error.getMessage() : error.toString());
    }
    if (e.isCancelled() || e.isInterrupted()
        || (e.isHostException() && e.asHostException() instanceof CancelledException)) {
      return "cancelled";
    }
    String message;
    if (e.isHostException()) {
      Throwable host = e.asHostException();
      message = host instanceof KilnException ? host.getMessage() : host.toString();
    } else {
      message = e.getMessage();
    }
    return firstLine(message) + where(e);
  }

  /** " (file.js:12)": the script line that failed, or "" for typed input, syntax errors and no location. */
  private static String where(PolyglotException e) {
    if (!e.isSyntaxError()) {
      for (PolyglotException.StackFrame frame : e.getPolyglotStackTrace()) {
        if (frame.isGuestFrame() && frame.getSourceLocation() != null
            && !"kiln.js".equals(frame.getSourceLocation().getSource().getName())) {
          if (frame.getSourceLocation().getSource().getName().startsWith("<")) {
            return ""; // typed input (the REPL, -e): the line is the one just typed
          }
          return " (" + frame.getSourceLocation().getSource().getName() + ":"
              + frame.getSourceLocation().getStartLine() + ")";
        }
      }
    }
    return "";
  }

  private static String firstLine(String message) {
    String text = message == null ? "error" : message.strip();
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }

  @Override
  public void close() {
    context.close(true);
  }
}
