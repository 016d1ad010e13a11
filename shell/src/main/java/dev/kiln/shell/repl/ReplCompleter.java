package dev.kiln.shell.repl;

import dev.kiln.api.Kind;
import dev.kiln.api.PluginInfo;
import dev.kiln.api.Registry;
import dev.kiln.data.Datasets;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.graalvm.polyglot.Value;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion: REPL commands after {@code :}, global names, members along a dotted path such as
 * {@code kiln.data.} or {@code iris.} (read from the live JavaScript objects, so new members and the
 * user's own variables complete without changes here), and plugin names inside
 * {@code kiln.model('…}, {@code kiln.optimizer('…}, {@code kiln.metric('…}, {@code kiln.decoder('…},
 * {@code kiln.help('…} and after {@code :help}, and built-in data set names inside {@code kiln.data.load('…}.
 */
final class ReplCompleter implements Completer {
  private static final Pattern DATASET_ARGUMENT = Pattern.compile("kiln\\.data\\.load\\(\\s*['\"]$");
  private static final Pattern PLUGIN_ARGUMENT =
      Pattern.compile("kiln\\.(model|optimizer|metric|decoder|help)\\(\\s*['\"]$");
  private static final Pattern MEMBER_PATH =
      Pattern.compile("([A-Za-z_$][\\w$]*(?:\\.[A-Za-z_$][\\w$]*)*)\\.([\\w$]*)");
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][\\w$]*");

  private final Registry registry;
  private final Supplier<Value> globals;

  /** @param globals the JavaScript global scope (the context's bindings) */
  ReplCompleter(Registry registry, Supplier<Value> globals) {
    this.registry = registry;
    this.globals = globals;
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    String before = line.words().get(0);
    String word = line.word().substring(0, line.wordCursor());
    if (before.isEmpty() && word.startsWith(":")) {
      Commands.NAMES.forEach(name -> candidates.add(new Candidate(name)));
      return;
    }
    if (before.strip().equals(":help")) {
      registry.plugins().forEach(p -> candidates.add(plugin(p)));
      return;
    }
    if (DATASET_ARGUMENT.matcher(before).find()) {
      Datasets.names().forEach(name -> candidates.add(new Candidate(name, name, "data set", null, null, null,
          false)));
      return;
    }
    Matcher argument = PLUGIN_ARGUMENT.matcher(before);
    if (argument.find()) {
      String kind = argument.group(1);
      registry.plugins().stream()
          .filter(p -> kind.equals("help") || p.kind() == Kind.valueOf(kind.toUpperCase(Locale.ROOT)))
          .forEach(p -> candidates.add(plugin(p)));
      return;
    }
    Matcher path = MEMBER_PATH.matcher(word);
    if (path.matches()) {
      Value object = resolve(path.group(1));
      if (object != null && object.hasMembers()) {
        object.getMemberKeys().forEach(member -> candidates.add(member(path.group(1) + "." + member, member)));
      }
    } else if (IDENTIFIER.matcher(word).matches()) {
      globals.get().getMemberKeys().stream().filter(name -> name.startsWith(word))
          .forEach(name -> candidates.add(member(name, name)));
    }
  }

  private static Candidate member(String value, String display) {
    return new Candidate(value, display, null, null, null, null, false);
  }

  private static Candidate plugin(PluginInfo info) {
    return new Candidate(info.name(), info.name(), info.kind().label(), info.summary(), null, null, false);
  }

  private Value resolve(String dottedPath) {
    Value value = globals.get();
    String[] parts = dottedPath.split("\\.");
    for (int i = 0; i < parts.length && value != null; i++) {
      value = value.hasMember(parts[i]) ? value.getMember(parts[i]) : null;
    }
    return value;
  }
}
