package dev.kiln.shell;

import dev.kiln.api.PluginInfo;
import dev.kiln.api.PluginProblem;
import dev.kiln.api.Registry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The plugin table shown by {@code kiln plugins} and {@code :plugins}, followed by any load problems. */
public final class PluginTable {
  private PluginTable() {}

  /** Kind, name, summary, source (a jar's file name, or a classes folder's path) and version, one a row. */
  public static String render(Registry registry) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"KIND", "NAME", "SUMMARY", "SOURCE", "VERSION"});
    for (PluginInfo info : registry.plugins()) {
      rows.add(new String[] {info.kind().label(), info.name(), info.summary(), fileName(info.source()),
          info.version()});
    }
    int[] widths = new int[5];
    for (String[] row : rows) {
      for (int c = 0; c < row.length; c++) {
        widths[c] = Math.max(widths[c], row[c].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      for (int c = 0; c < row.length; c++) {
        out.append(c == row.length - 1 ? row[c] : String.format("%-" + widths[c] + "s  ", row[c]));
      }
      out.append('\n');
    }
    for (PluginProblem problem : registry.problems()) {
      out.append("not loaded: ").append(problem).append('\n');
    }
    return out.toString().stripTrailing();
  }

  /** One {@code warning: plugin not loaded: ...} line per load problem, for the shell to print before it runs. */
  public static List<String> warnings(Registry registry) {
    return registry.problems().stream().map(p -> "warning: plugin not loaded: " + p).toList();
  }

  private static String fileName(String source) {
    Path name = Path.of(source).getFileName();
    return name == null || !source.endsWith(".jar") ? source : name.toString();
  }
}
