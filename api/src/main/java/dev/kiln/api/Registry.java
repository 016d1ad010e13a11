package dev.kiln.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.WeakHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugins Kiln knows, by kind and name, and the one place that creates components from them with
 * validated options. Thread-safe: {@link #reload()} swaps in a fresh scan atomically.
 *
 * <pre>{@code
 * Registry registry = new Registry(new PluginLoader(Registry.class.getClassLoader(), List.of()));
 * Optimizer sgd = registry.optimizer("sgd", Map.of("lr", 0.01));
 * }</pre>
 *
 * <p>Two providers of the same kind and name are never shadowed silently: the first one found (classpath
 * before plugin folders) is kept and the other is reported as a {@link PluginProblem} naming both sources.
 * Every problem of a scan is also logged at WARN, for applications that do not show {@link #problems()}.
 */
public final class Registry {
  private static final Logger LOG = LoggerFactory.getLogger(Registry.class);
  private final PluginLoader loader;
  private volatile Snapshot snapshot;
  /** What made each component this registry created; weak, so components are collected as usual. */
  private final Map<Object, Origin> origins = Collections.synchronizedMap(new WeakHashMap<>());

  /** Scans {@code loader} now. */
  public Registry(PluginLoader loader) {
    this.loader = loader;
    this.snapshot = Snapshot.of(loader.scan());
  }

  /** Rescans the classpath and plugin folders (for plugin jars dropped in while running). */
  public void reload() {
    snapshot = Snapshot.of(loader.scan());
  }

  /** The plugin folders scanned. */
  public List<Path> folders() {
    return loader.folders();
  }

  /** Every loaded plugin, by kind then name. */
  public List<PluginInfo> plugins() {
    return snapshot.infos;
  }

  /** The plugins that failed to load at the last scan, with their causes. */
  public List<PluginProblem> problems() {
    return snapshot.problems;
  }

  /** The names of one kind's plugins, sorted. */
  public List<String> names(Kind kind) {
    return List.copyOf(snapshot.byKind.get(kind).keySet());
  }

  /** The provider of {@code kind} named {@code name}; fails with suggestions when there is none. */
  public Provider<?> provider(Kind kind, String name) {
    Map<String, Provider<?>> ofKind = snapshot.byKind.get(kind);
    Provider<?> provider = ofKind.get(name);
    if (provider != null) {
      return provider;
    }
    throw new KilnException(unknown(kind, name));
  }

  private String unknown(Kind kind, String name) {
    Snapshot current = snapshot;
    var ofKind = current.byKind.get(kind).keySet();
    String elsewhere = find(name).map(p -> " ('" + name + "' is " + article(kindOf(p).label()) + ")").orElse("");
    int problems = current.problems.size();
    String failed = problems == 0 ? "" : "; " + problems + (problems == 1 ? " plugin" : " plugins") + " failed to "
        + "load (see Registry.problems(), or :plugins in the shell)";
    return "unknown " + kind.label() + " '" + name + "'" + elsewhere + Names.suggestion(name, ofKind)
        + "; available: " + Names.list(ofKind) + failed;
  }

  private static String article(String word) {
    return ("aeiou".indexOf(word.charAt(0)) >= 0 ? "an " : "a ") + word;
  }

  /** The provider of any kind named {@code name}, for help lookups. */
  public Optional<Provider<?>> find(String name) {
    for (Kind kind : Kind.values()) {
      Provider<?> provider = snapshot.byKind.get(kind).get(name);
      if (provider != null) {
        return Optional.of(provider);
      }
    }
    return Optional.empty();
  }

  /** The kind of a loaded provider. */
  public Kind kindOf(Provider<?> provider) {
    for (Kind kind : Kind.values()) {
      if (kind.service().isInstance(provider)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("not a Kiln provider: " + provider);
  }

  /** A new model from plugin {@code name} with {@code options} (name to value; omitted ones default). */
  public Model model(String name, Map<String, ?> options) {
    return (Model) create(Kind.MODEL, name, options);
  }

  /** A new optimizer from plugin {@code name}. */
  public Optimizer optimizer(String name, Map<String, ?> options) {
    return (Optimizer) create(Kind.OPTIMIZER, name, options);
  }

  /** A new decoder from plugin {@code name}. */
  public Decoder decoder(String name, Map<String, ?> options) {
    return (Decoder) create(Kind.DECODER, name, options);
  }

  /** A new metric from plugin {@code name}, which must score {@code input}. */
  @SuppressWarnings("unchecked")
  public <I> Metric<I> metric(String name, Map<String, ?> options, Class<I> input) {
    MetricProvider provider = (MetricProvider) provider(Kind.METRIC, name);
    if (!input.isAssignableFrom(plugin(Kind.METRIC, name, provider::inputType))) {
      throw new KilnException("metric '" + name + "' scores " + provider.inputType().getSimpleName()
          + ", not " + input.getSimpleName());
    }
    return (Metric<I>) create(Kind.METRIC, name, options);
  }

  /**
   * A new component of {@code kind}, its options validated against the provider's schema. An exception other
   * than a {@link KilnException} from the plugin's code becomes one that names the plugin and its source.
   */
  public Object create(Kind kind, String name, Map<String, ?> options) {
    Provider<?> provider = provider(kind, name);
    Schema schema = plugin(kind, name, provider::schema);
    Params params;
    try {
      params = schema.parse(options);
    } catch (KilnException e) {
      throw new KilnException(kind.label() + " '" + name + "': " + e.getMessage(), e);
    }
    Object component = plugin(kind, name, () -> provider.create(params));
    origins.put(component, new Origin(kind, name, info(kind, name).version(), params.asMap()));
    return component;
  }

  /**
   * Runs plugin {@code name}'s code: a {@link KilnException} passes, another failure (a missing class included)
   * is wrapped in one.
   */
  private <T> T plugin(Kind kind, String name, Supplier<T> code) {
    try {
      return code.get();
    } catch (KilnException e) {
      throw e;
    } catch (RuntimeException | LinkageError e) {
      throw new KilnException(kind.label() + " '" + name + "' (from " + info(kind, name).source() + ") failed: "
          + (e instanceof LinkageError ? PluginLoader.describe(e) : PluginLoader.cause(e)), e);
    }
  }

  /**
   * The plugin and options that made {@code component}, when this registry created it. Components are
   * told apart by identity (Kiln's components do not override {@code equals}).
   */
  public Optional<Origin> originOf(Object component) {
    return Optional.ofNullable(origins.get(component));
  }

  /**
   * The plugin and options that made {@code component}, as {@link #originOf}, for callers that need them (to
   * save a model file, say); fails with the fix when this registry did not create it.
   */
  public Origin origin(Object component) {
    return originOf(component).orElseThrow(() -> new KilnException("this " + component.getClass().getSimpleName()
        + " was not created by this registry, which records each component's plugin and options: create it with "
        + "this registry's model(...), optimizer(...) or metric(...), or load it with ModelFile.load(path, registry)"));
  }

  /** The table entry of a loaded plugin; fails with suggestions when there is none. */
  public PluginInfo info(Kind kind, String name) {
    return snapshot.infos.stream().filter(i -> i.kind() == kind && i.name().equals(name)).findFirst()
        .orElseThrow(() -> new KilnException(unknown(kind, name)));
  }

  /** One scan's result: providers by kind and name (sorted), their table entries, and the problems. */
  private record Snapshot(Map<Kind, Map<String, Provider<?>>> byKind, List<PluginInfo> infos,
      List<PluginProblem> problems) {
    static Snapshot of(PluginLoader.Scan scan) {
      Map<Kind, Map<String, PluginLoader.Loaded>> chosen = new EnumMap<>(Kind.class);
      for (Kind kind : Kind.values()) {
        chosen.put(kind, new TreeMap<>());
      }
      List<PluginProblem> problems = new ArrayList<>(scan.problems());
      for (PluginLoader.Loaded loaded : scan.providers()) {
        PluginInfo info = loaded.info();
        PluginLoader.Loaded first = chosen.get(info.kind()).putIfAbsent(info.name(), loaded);
        if (first != null) {
          problems.add(new PluginProblem(info.source(), loaded.provider().getClass().getName(),
              "duplicate " + info.kind().label() + " '" + info.name() + "': also provided by "
                  + first.info().source() + "; kept that one, remove one of the two"));
        }
      }
      problems.forEach(p -> LOG.warn("plugin not loaded: {}", p));
      Map<Kind, Map<String, Provider<?>>> byKind = new EnumMap<>(Kind.class);
      List<PluginInfo> infos = new ArrayList<>();
      chosen.forEach((kind, loaded) -> {
        Map<String, Provider<?>> providers = new TreeMap<>();
        loaded.forEach((name, l) -> providers.put(name, l.provider()));
        byKind.put(kind, Collections.unmodifiableMap(providers));
        loaded.values().forEach(l -> infos.add(l.info()));
      });
      return new Snapshot(byKind, List.copyOf(infos), List.copyOf(problems));
    }
  }
}
