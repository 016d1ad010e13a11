package dev.kiln.api;

/**
 * Something a plugin jar publishes: a named, documented factory of one kind of component.
 *
 * <p>Implementations are found with {@link java.util.ServiceLoader} through one of the four kind interfaces
 * ({@link ModelProvider}, {@link OptimizerProvider}, {@link MetricProvider}, {@link DecoderProvider}), so
 * they need a public no-argument constructor that does no work: loading a provider must not touch ND4J.
 *
 * @param <T> the component type
 */
public interface Provider<T> {
  /** The unique lower-case name within its kind, such as {@code "sgd"} or {@code "linear-regression"}. */
  String name();

  /** One line for plugin tables and help. */
  String summary();

  /** The formula and the paper or source the implementation follows, for {@code help()}. */
  String description();

  /** The options {@link #create} accepts. */
  Schema schema();

  /** A new instance configured by {@code params}, already validated against {@link #schema()}. */
  T create(Params params);

  /** The help text: name, summary, description and the option table. */
  default String help() {
    return name() + " — " + summary() + "\n\n" + description().strip() + "\n\nOptions:\n" + schema().describe();
  }
}
