package dev.kiln.api.train;

/**
 * Where training stands: after {@code batch} of {@code batches} in {@code epoch} of {@code epochs} (both
 * 1-based), with the loss of that batch or, at the end of an epoch, the epoch's mean loss.
 */
public record Progress(int epoch, int epochs, int batch, int batches, double loss) {}
