package dev.kiln.shell;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.kiln.inject.KilnModule;
import org.graalvm.polyglot.Engine;

/**
 * The shell's bindings: the embedding {@link KilnModule} over the invocation's plugin folders, the parsed
 * {@link Invocation}, and one shared GraalVM {@link Engine} (created on first use, so {@code kiln plugins}
 * never starts JavaScript).
 */
public final class ShellModule extends AbstractModule {
  private final Invocation invocation;

  public ShellModule(Invocation invocation) {
    this.invocation = invocation;
  }

  @Override
  protected void configure() {
    install(new KilnModule(invocation.pluginFolders()));
    bind(Invocation.class).toInstance(invocation);
  }

  @Provides
  @Singleton
  Engine engine() {
    return Engine.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build();
  }
}
