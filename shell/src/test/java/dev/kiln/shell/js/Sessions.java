package dev.kiln.shell.js;

import dev.kiln.api.PluginLoader;
import dev.kiln.api.Registry;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.graalvm.polyglot.Engine;

/** Test fixtures: one engine and registry (the bundled plugins on the test classpath) for all tests. */
public final class Sessions {
  public static final Engine ENGINE = Engine.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build();
  public static final Registry REGISTRY = new Registry(new PluginLoader(Sessions.class.getClassLoader(), List.of()));

  private Sessions() {}

  /** A non-interactive session whose console output goes to {@code out}. */
  public static JsSession open(ByteArrayOutputStream out) {
    return new JsSession(ENGINE, REGISTRY, "test", List.of("a", "b"), out, out, null);
  }
}
