package dev.kiln.api;

/**
 * A plugin that creates {@link Optimizer}s; registered in
 * {@code META-INF/services/dev.kiln.api.OptimizerProvider}.
 */
public interface OptimizerProvider extends Provider<Optimizer> {}
