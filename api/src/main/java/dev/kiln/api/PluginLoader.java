package dev.kiln.api;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.Attributes;
import java.util.function.Supplier;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds plugins: first on the classpath, then in every {@code *.jar} of the plugin folders (in folder order,
 * jars sorted by name), each jar in its own class loader whose parent is the API's loader.
 *
 * <p>Failures are isolated per provider, as SLF4J does for its providers: a jar that is not a readable
 * zip, a class compiled for a newer Java, a missing class, a constructor that throws or a provider that breaks
 * the {@link Provider} contract (a name that is not lower-case, a {@code null} or failing summary, description
 * or schema) is reported as a {@link PluginProblem} naming the jar, class and cause, and everything else still
 * loads. So is a plugin folder that is a file, or that is missing, unless it is {@code ~/.kiln/plugins}.
 */
public final class PluginLoader {
  private static final Logger LOG = LoggerFactory.getLogger(PluginLoader.class);
  private static final String SERVICES = "META-INF/services/";
  /** A plugin name as the built-ins have them: "sgd", "linear-regression", "precision-at-k". */
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
  /** ServiceLoader's messages for a service-file entry naming a missing class or a class of another type. */
  private static final Pattern BAD_ENTRY = Pattern.compile("[\\w.$]+: (?:Provider )?(\\S+) (not found|not a subtype)");

  private final ClassLoader classpath;
  private final List<Path> folders;

  /** A loader over {@code classpath} (may be {@code null}: no classpath plugins) and {@code folders}. */
  public PluginLoader(ClassLoader classpath, List<Path> folders) {
    this.classpath = classpath;
    this.folders = List.copyOf(folders);
  }

  /**
   * The usual folders, as absolute paths and each once: {@code ~/.kiln/plugins}, then each entry of
   * {@code $KILN_PLUGINS} (path-separator separated), then {@code extra} (from {@code --plugins DIR}).
   */
  public static List<Path> defaultFolders(List<Path> extra) {
    List<Path> out = new ArrayList<>();
    out.add(homeFolder());
    String env = System.getenv("KILN_PLUGINS");
    if (env != null) {
      for (String part : env.split(File.pathSeparator)) {
        if (!part.isBlank()) {
          out.add(Path.of(part));
        }
      }
    }
    out.addAll(extra);
    return out.stream().map(PluginLoader::canonical).distinct().toList();
  }

  /** {@code ~/.kiln/plugins}, absolute: the one plugin folder that may be missing without a problem. */
  private static Path homeFolder() {
    return canonical(Path.of(System.getProperty("user.home"), ".kiln", "plugins"));
  }

  /**
   * {@code folder} as the file system resolves it (links followed, so one folder reached two ways is one), or,
   * when it does not exist, absolute and normalised.
   */
  private static Path canonical(Path folder) {
    try {
      return folder.toRealPath();
    } catch (IOException e) {
      return folder.toAbsolutePath().normalize();
    }
  }

  /** The plugin folders this loader scans, in scan order, as given to the constructor (unmodifiable). */
  public List<Path> folders() {
    return folders;
  }

  /** What one scan found: providers in load order and the problems met. */
  public record Scan(List<Loaded> providers, List<PluginProblem> problems) {}

  /** A provider with its table entry. */
  public record Loaded(PluginInfo info, Provider<?> provider) {}

  /** Scans the classpath and every plugin folder now. */
  public Scan scan() {
    List<Loaded> providers = new ArrayList<>();
    List<PluginProblem> problems = new ArrayList<>();
    if (classpath != null) {
      load(classpath, null, null, providers, problems);
    }
    for (Path jar : jars(problems)) {
      String source = jar.toString();
      String version;
      try (JarFile file = new JarFile(jar.toFile())) {
        Manifest manifest = file.getManifest();
        version = manifest == null ? null
            : manifest.getMainAttributes().getValue(Attributes.Name.IMPLEMENTATION_VERSION);
      } catch (IOException | SecurityException e) {
        problems.add(new PluginProblem(source, "", "not a readable jar (" + e.getMessage()
            + "): rebuild it or remove it from the plugin folder"));
        continue;
      }
      try {
        load(new PluginClassLoader(jar), jar, version, providers, problems);
      } catch (MalformedURLException e) {
        problems.add(new PluginProblem(source, "", "bad path: " + e.getMessage()));
      }
    }
    return new Scan(List.copyOf(providers), List.copyOf(problems));
  }

  private List<Path> jars(List<PluginProblem> problems) {
    List<Path> out = new ArrayList<>();
    for (Path folder : folders) {
      if (!Files.isDirectory(folder)) {
        if (Files.exists(folder)) {
          problems.add(new PluginProblem(folder.toString(), "", "a file, not a folder: pass the folder that"
              + " holds the plugin jar, " + folder.toAbsolutePath().getParent()));
        } else if (!canonical(folder).equals(homeFolder())) {
          problems.add(new PluginProblem(folder.toString(), "", "no such plugin folder: create it, or fix the"
              + " folder given with --plugins or in $KILN_PLUGINS"));
        } else {
          LOG.debug("plugin folder {} does not exist", folder);
        }
        continue;
      }
      try (Stream<Path> entries = Files.list(folder)) {
        entries.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().forEach(out::add);
      } catch (IOException e) {
        problems.add(new PluginProblem(folder.toString(), "", "cannot list the plugin folder: " + e));
      }
    }
    return out;
  }

  private void load(ClassLoader loader, Path jar, String jarVersion, List<Loaded> providers,
      List<PluginProblem> problems) {
    for (Kind kind : Kind.values()) {
      Iterator<? extends ServiceLoader.Provider<? extends Provider<?>>> it =
          ServiceLoader.load(kind.service(), loader).stream().iterator();
      while (true) {
        ServiceLoader.Provider<? extends Provider<?>> candidate;
        try {
          if (!it.hasNext()) {
            break;
          }
          candidate = it.next();
        } catch (ServiceConfigurationError | LinkageError e) {
          problems.add(entryProblem(kind, jar, e));
          continue;
        }
        String className = "";
        try {
          className = candidate.type().getName();
          Provider<?> provider = candidate.get();
          String breach = breach(kind, provider);
          if (breach != null) {
            problems.add(new PluginProblem(source(jar, candidate.type()), className, breach));
            continue;
          }
          PluginInfo info = new PluginInfo(kind, provider.name(), provider.summary(),
              source(jar, candidate.type()), version(jar, jarVersion, candidate.type()));
          providers.add(new Loaded(info, provider));
        } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
          problems.add(new PluginProblem(source(jar, null), className, describe(e)));
        }
      }
    }
  }

  /** The problem of a service-file entry that ServiceLoader could not make a provider class of. */
  private static PluginProblem entryProblem(Kind kind, Path jar, Throwable e) {
    Matcher entry = BAD_ENTRY.matcher(String.valueOf(e.getMessage()));
    if (!(e instanceof ServiceConfigurationError) || !entry.matches()) {
      return new PluginProblem(source(jar, null), "", describe(e));
    }
    String className = entry.group(1);
    String service = kind.service().getName();
    return new PluginProblem(source(jar, null), className, entry.group(2).equals("not found")
        ? "class " + className + ", named in " + SERVICES + service + ", is not in "
            + (jar == null ? "the classpath" : "the jar") + ": add it or fix the service file"
        : "class " + className + " does not implement " + service + ": implement it or remove it from the service"
            + " file");
  }

  /** A {@link Provider} method the loader calls to check it, and what it must return. */
  private record Contract(String method, Supplier<?> call, String returns) {}

  /**
   * How {@code provider} breaks the {@link Provider} contract, with the fix, or {@code null} when it keeps it:
   * {@code name()} gives a lower-case name and {@code summary()}, {@code description()} and {@code schema()}
   * return a value. A {@link LinkageError} from them (a missing class) is left to {@link #describe}.
   */
  private static String breach(Kind kind, Provider<?> provider) {
    List<Contract> contract = List.of(
        new Contract("name()", provider::name, "a lower-case name such as 'my-" + kind.label() + "'"),
        new Contract("summary()", provider::summary, "one line for the plugin table"),
        new Contract("description()", provider::description, "the formula and its source, for help()"),
        new Contract("schema()", provider::schema, "the options (Schema.empty() for none)"));
    for (Contract c : contract) {
      Object value;
      try {
        value = c.call().get();
      } catch (RuntimeException e) {
        return c.method() + " threw " + cause(e) + ": make it return " + c.returns();
      }
      if (value == null) {
        return c.method() + " returned null: return " + c.returns();
      }
    }
    String name = provider.name();
    return NAME.matcher(name).matches() ? null : "name() returned '" + name + "': return "
        + contract.get(0).returns() + " (letters a-z, digits and hyphens)";
  }

  /** A one-line cause, with the fix for the usual ones. */
  static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root instanceof UnsupportedClassVersionError) {
      return "compiled for a newer Java than " + Runtime.version().feature() + " (" + root.getMessage()
          + "): rebuild the plugin with --release " + Runtime.version().feature() + " or run Kiln on a newer JDK";
    }
    if (root instanceof NoClassDefFoundError || root instanceof ClassNotFoundException) {
      return "class not found: " + root.getMessage() + "; the jar is incomplete or needs a missing dependency:"
          + " bundle every dependency other than Kiln's API and ND4J into the plugin jar (a shaded jar), as each"
          + " jar has its own class loader";
    }
    String message = root == e ? String.valueOf(e.getMessage()) : e.getMessage() + ", caused by " + cause(root);
    return "failed to load: " + message.replace('\n', ' ');
  }

  /** The exception's simple class name and message, on one line. */
  static String cause(Throwable e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage().replace('\n', ' '));
  }

  private static String source(Path jar, Class<?> type) {
    if (jar != null) {
      return jar.toString();
    }
    CodeSource code = type == null ? null : type.getProtectionDomain().getCodeSource();
    return code == null || code.getLocation() == null ? "classpath" : code.getLocation().getPath();
  }

  private static String version(Path jar, String jarVersion, Class<?> type) {
    String version = jar != null ? jarVersion
        : type.getPackage() == null ? null : type.getPackage().getImplementationVersion();
    return version == null ? "unknown" : version;
  }

  /**
   * The class loader of one dropped-in jar. Service files are looked up in the jar alone, so that each
   * jar reports only its own providers; classes resolve parent-first as usual.
   */
  private static final class PluginClassLoader extends URLClassLoader {
    static {
      registerAsParallelCapable();
    }

    PluginClassLoader(Path jar) throws MalformedURLException {
      super("kiln-plugin:" + jar.getFileName(), new URL[] {jar.toUri().toURL()},
          PluginLoader.class.getClassLoader());
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      return name.startsWith(SERVICES) ? findResources(name) : super.getResources(name);
    }
  }
}
