package dev.kiln.api;

/**
 * A plugin that creates {@link Decoder}s; registered in {@code META-INF/services/dev.kiln.api.DecoderProvider}.
 */
public interface DecoderProvider extends Provider<Decoder> {}
