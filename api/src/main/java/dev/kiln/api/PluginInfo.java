package dev.kiln.api;

/**
 * A loaded plugin as tables show it: kind, name, summary, where it came from (a jar path or classpath
 * folder) and its {@code Implementation-Version} ("unknown" when the jar has none).
 */
public record PluginInfo(Kind kind, String name, String summary, String source, String version) {}
