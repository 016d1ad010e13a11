package dev.kiln.api;

/**
 * A plugin that could not be loaded and was skipped: the jar (or classpath entry), the provider class when
 * known, and what went wrong with the fix.
 */
public record PluginProblem(String source, String className, String message) {
  @Override
  public String toString() {
    return source + (className.isEmpty() ? "" : " (" + className + ")") + ": " + message;
  }
}
