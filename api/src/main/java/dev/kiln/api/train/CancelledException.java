package dev.kiln.api.train;

import dev.kiln.api.KilnException;

/** Thrown by work that stopped because its {@link Cancellation} was cancelled. */
public final class CancelledException extends KilnException {
  private static final long serialVersionUID = 1L;

  /** An exception with the message {@code "cancelled"}. */
  public CancelledException() {
    super("cancelled");
  }
}
