package dev.kiln.shell;

import com.google.inject.Guice;
import dev.kiln.api.KilnException;
import dev.kiln.api.Registry;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The {@code kiln} command. See {@link Invocation#USAGE}. */
public final class Main {
  /** Held so that its level setting is not lost to garbage collection. */
  private static final Logger JLINE_LOG = Logger.getLogger("org.jline");

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Parses, wires and runs one invocation; returns the exit code (2 for usage errors). */
  static int run(String[] args) {
    Invocation invocation;
    try {
      invocation = Invocation.parse(args);
    } catch (KilnException e) {
      System.err.println("kiln: " + e.getMessage());
      return 2;
    }
    quietLogs(invocation.verbose());
    return Guice.createInjector(new ShellModule(invocation)).getInstance(Cli.class)
        .run(System.in, System.out, System.err);
  }

  /**
   * Logs go through SLF4J (slf4j-simple, to stderr): warnings only unless {@code --verbose}, and not the
   * registry's warnings about plugins not loaded, which the shell prints itself. Must run before the first
   * logger is made. JLine logs through java.util.logging; it is silenced the same way.
   */
  private static void quietLogs(boolean verbose) {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "debug" : "warn");
    System.setProperty("org.slf4j.simpleLogger.log." + Registry.class.getName(), verbose ? "debug" : "error");
    System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
    System.setProperty("org.slf4j.simpleLogger.showShortLogName", "true");
    JLINE_LOG.setLevel(verbose ? Level.FINE : Level.OFF);
  }
}
