package dev.kiln.examples.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import dev.kiln.api.PluginLoader;
import dev.kiln.api.Registry;
import dev.kiln.inject.KilnModule;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedding app works with both ways of getting a registry. */
class EmbedAppTest {
  @Test
  void plainJavaRegistry(@TempDir Path dir) throws Exception {
    Registry registry = new Registry(new PluginLoader(getClass().getClassLoader(), List.of()));
    EmbedApp.Result result = EmbedApp.run(registry, dir.resolve("m.kiln"));
    assertTrue(result.accuracy() > 0.4, "accuracy " + result.accuracy());
    assertEquals(4, result.threads());
  }

  @Test
  void guiceRegistry(@TempDir Path dir) throws Exception {
    Registry registry = Guice.createInjector(new KilnModule()).getInstance(Registry.class);
    assertTrue(EmbedApp.run(registry, dir.resolve("m.kiln")).accuracy() > 0.4);
  }

  @Test
  void mainRuns() throws Exception {
    EmbedApp.main(new String[0]);
  }
}
