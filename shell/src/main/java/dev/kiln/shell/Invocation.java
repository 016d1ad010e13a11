package dev.kiln.shell;

import dev.kiln.api.KilnException;
import dev.kiln.api.Names;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The parsed command line: global options, then a command and its arguments.
 *
 * @param command what to do
 * @param argument the script file ({@code run}), the code ({@code -e}) or the benchmark name ({@code bench})
 * @param args arguments after the script name, for {@code kiln.args}
 */
public record Invocation(Command command, String argument, List<String> args, List<Path> pluginFolders,
    boolean verbose) {
  /** The commands of {@code kiln}. */
  public enum Command { REPL, RUN, EVAL, PLUGINS, BENCH, VERSION, HELP }

  public static final String USAGE = String.join("\n",
      "Usage: kiln [--plugins DIR]... [--verbose] [COMMAND]",
      "",
      "Commands:",
      "  (none)              start the interactive shell",
      "  run FILE.js [ARG…]  run a script (kiln.args holds the ARGs); exit code 1 on error",
      "  -e 'CODE'           evaluate JavaScript and print the result",
      "  plugins             list the plugins: kind, name, summary, source jar, version",
      "  bench [NAME]        run a benchmark and print a table; without NAME, list them",
      "  --version           print the Kiln, ND4J backend, Java and GraalJS versions",
      "  --help              print this help",
      "",
      "Options:",
      "  --plugins DIR       also load plugin jars from DIR (after ~/.kiln/plugins and $KILN_PLUGINS)",
      "  --verbose           show ND4J, GraalVM and plugin-loading logs");

  private static final List<String> WORDS = List.of("run", "plugins", "bench", "-e", "--plugins", "--verbose",
      "--version", "--help");

  public Invocation {
    args = List.copyOf(args);
    pluginFolders = List.copyOf(pluginFolders);
  }

  /** Parses {@code kiln}'s arguments; a usage error is a one-line {@link KilnException}. */
  public static Invocation parse(String... argv) {
    List<Path> folders = new ArrayList<>();
    boolean verbose = false;
    int i = 0;
    for (; i < argv.length && argv[i].startsWith("--"); i++) {
      switch (argv[i]) {
        case "--plugins" -> {
          if (++i == argv.length) {
            throw new KilnException("--plugins needs a folder: kiln --plugins DIR");
          }
          folders.add(Path.of(argv[i]));
        }
        case "--verbose" -> verbose = true;
        case "--version" -> {
          return new Invocation(Command.VERSION, null, List.of(), folders, verbose);
        }
        case "--help" -> {
          return new Invocation(Command.HELP, null, List.of(), folders, verbose);
        }
        default -> throw unknown(argv[i]);
      }
    }
    if (i == argv.length) {
      return new Invocation(Command.REPL, null, List.of(), folders, verbose);
    }
    List<String> rest = Arrays.asList(argv).subList(i + 1, argv.length);
    return switch (argv[i]) {
      case "run" -> {
        if (rest.isEmpty()) {
          throw new KilnException("run needs a script: kiln run FILE.js [ARG…]");
        }
        yield new Invocation(Command.RUN, rest.get(0), rest.subList(1, rest.size()), folders, verbose);
      }
      case "-e" -> {
        if (rest.size() != 1) {
          throw new KilnException("-e takes one argument, the code: kiln -e '1 + 1'");
        }
        yield new Invocation(Command.EVAL, rest.get(0), List.of(), folders, verbose);
      }
      case "plugins" -> new Invocation(Command.PLUGINS, null, List.of(), folders, verbose);
      case "bench" -> new Invocation(Command.BENCH, rest.isEmpty() ? null : rest.get(0), List.of(), folders,
          verbose);
      case "-h", "help" -> new Invocation(Command.HELP, null, List.of(), folders, verbose);
      case "-V" -> new Invocation(Command.VERSION, null, List.of(), folders, verbose);
      default -> throw unknown(argv[i]);
    };
  }

  private static KilnException unknown(String word) {
    return new KilnException("unknown " + (word.startsWith("-") ? "option " : "command ") + word
        + Names.suggestion(word, WORDS) + "; kiln --help lists them");
  }
}
