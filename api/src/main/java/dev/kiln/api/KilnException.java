package dev.kiln.api;

/**
 * An error a user can act on: its message is one line that names the thing that is wrong and the fix.
 *
 * <p>Every Kiln component reports bad input (unknown options, shape mismatches, NaN losses, broken plugin
 * jars) with this type, so that the shell can print the message alone and keep the session alive.
 */
public class KilnException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An error whose {@code message} is one line naming what is wrong and how to fix it. */
  public KilnException(String message) {
    super(message);
  }

  /** As {@link #KilnException(String)}, keeping the low-level {@code cause} (an I/O or parse error) for the trace. */
  public KilnException(String message, Throwable cause) {
    super(message, cause);
  }
}
