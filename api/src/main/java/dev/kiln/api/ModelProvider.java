package dev.kiln.api;

/** A plugin that creates {@link Model}s; registered in {@code META-INF/services/dev.kiln.api.ModelProvider}. */
public interface ModelProvider extends Provider<Model> {}
