package dev.kiln.shell.repl;

import java.util.List;

/** The REPL's colon commands and their one-line help. */
final class Commands {
  static final List<String> NAMES = List.of(":help", ":plugins", ":load", ":reload", ":trace", ":quit");

  static final String HELP = String.join("\n",
      "Type JavaScript; the global `kiln` is the toolkit (kiln.help() lists it). Unfinished input continues",
      "on the next line. Tab completes kiln members and plugin names. Ctrl-C cancels, Ctrl-D exits.",
      "",
      "  :help [name]   this help; a plugin's formula, source and options; or a model variable's provenance",
      "  :plugins       the loaded plugins and any that failed to load",
      "  :load FILE     run a JavaScript file in this session",
      "  :reload        rescan the plugin folders for new or changed jars",
      "  :trace         the full stack trace of the last error",
      "  :quit          leave (or Ctrl-D)");

  private Commands() {}
}
