package dev.kiln.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.kiln.api.PluginLoader;
import dev.kiln.api.Registry;
import java.nio.file.Path;
import java.util.List;

/**
 * Guice bindings for embedding Kiln: a singleton {@link Registry} over the classpath and the plugin folders.
 * No I/O happens in {@link #configure()}; the registry scans when it is first injected.
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(new KilnModule());          // ~/.kiln/plugins, $KILN_PLUGINS
 * Registry registry = injector.getInstance(Registry.class);
 * Model model = registry.model("linear-regression", Map.of());
 * }</pre>
 */
public final class KilnModule extends AbstractModule {
  private final List<Path> extraFolders;

  /** The default plugin folders ({@link PluginLoader#defaultFolders}). */
  public KilnModule() {
    this(List.of());
  }

  /** The default plugin folders, then {@code extraFolders} (as {@code --plugins DIR} adds them). */
  public KilnModule(List<Path> extraFolders) {
    this.extraFolders = List.copyOf(extraFolders);
  }

  @Provides
  @Singleton
  @PluginFolders
  List<Path> pluginFolders() {
    return PluginLoader.defaultFolders(extraFolders);
  }

  @Provides
  @Singleton
  PluginLoader pluginLoader(@PluginFolders List<Path> folders) {
    return new PluginLoader(KilnModule.class.getClassLoader(), folders);
  }

  @Provides
  @Singleton
  Registry registry(PluginLoader loader) {
    return new Registry(loader);
  }
}
