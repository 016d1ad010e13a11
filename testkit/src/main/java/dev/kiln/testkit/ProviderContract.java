package dev.kiln.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.Kind;
import dev.kiln.api.KilnException;
import dev.kiln.api.Option;
import dev.kiln.api.Provider;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The contract every plugin family runs over all the providers it publishes. A family's test extends this
 * class and names its kinds; each provider found through {@link ServiceLoader} on the test classpath must
 * have a unique lower-case name, a one-line summary, a description naming its formula or source, a
 * documented schema, and must create an instance from its default options.
 *
 * <pre>{@code
 * class OptimizerContractTest extends ProviderContract {
 *   OptimizerContractTest() { super(Kind.OPTIMIZER); }
 * }
 * }</pre>
 */
public abstract class ProviderContract {
  private final List<Kind> kinds;

  protected ProviderContract(Kind... kinds) {
    this.kinds = List.of(kinds);
  }

  /**
   * Options to create an instance with when a provider has required options; by default none (every
   * provider must then create from its defaults).
   */
  protected Map<String, ?> minimalOptions(Provider<?> provider) {
    return Map.of();
  }

  @TestFactory
  Stream<DynamicContainer> everyProviderKeepsTheContract() {
    List<Provider<?>> providers = new ArrayList<>();
    Map<Provider<?>, Kind> kindOf = new IdentityHashMap<>();
    for (Kind kind : kinds) {
      ServiceLoader.load(kind.service()).forEach(p -> {
        providers.add(p);
        kindOf.put(p, kind);
      });
    }
    assertFalse(providers.isEmpty(), "no providers of " + kinds + " on the classpath: check META-INF/services");
    Set<String> seen = new HashSet<>();
    return providers.stream().map(p -> DynamicContainer.dynamicContainer(p.name(), Stream.of(
        DynamicTest.dynamicTest("name is unique and lower-case", () -> {
          assertTrue(p.name().matches("[a-z][a-z0-9]*(-[a-z0-9]+)*"), "name: " + p.name());
          assertTrue(seen.add(kindOf.get(p).label() + ":" + p.name()),
              "duplicate name " + p.name());
        }),
        DynamicTest.dynamicTest("summary is one line", () -> {
          assertFalse(p.summary().isBlank());
          assertFalse(p.summary().contains("\n"), p.summary());
          assertTrue(p.summary().length() <= 100, "summary over 100 characters: " + p.summary());
        }),
        DynamicTest.dynamicTest("description names the formula or source", () -> {
          String description = p.description();
          assertTrue(description.strip().length() >= 40, "description too short: " + description);
          assertTrue(description.contains("Source:") || description.contains("Reference:"),
              "description must end with a 'Source:' or 'Reference:' line: " + description);
        }),
        DynamicTest.dynamicTest("schema is documented", () -> {
          assertNotNull(p.schema());
          for (Option<?> option : p.schema().options()) {
            assertFalse(option.doc().isBlank(), "option " + option.name() + " has no doc");
          }
          assertTrue(p.help().contains(p.name()) && p.help().contains(p.summary()));
        }),
        DynamicTest.dynamicTest("creates an instance from default options", () ->
            assertNotNull(p.create(p.schema().parse(minimalOptions(p))))),
        DynamicTest.dynamicTest("rejects an unknown option", () -> {
          KilnException error = assertThrows(KilnException.class,
              () -> p.schema().parse(Map.of("noSuchOption", 1)));
          assertEquals(1, error.getMessage().lines().count(), error.getMessage());
        }))));
  }
}
