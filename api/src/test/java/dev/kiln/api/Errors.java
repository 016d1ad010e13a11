package dev.kiln.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.function.Executable;

/** Assertions on user-facing errors: a {@link KilnException} whose message is one line. */
public final class Errors {
  private Errors() {}

  /** Expects {@code code} to throw a one-line {@link KilnException} containing every part; returns the message. */
  public static String expect(Executable code, String... parts) {
    return expect(KilnException.class, code, parts);
  }

  /** As {@link #expect(Executable, String...)}, for a subtype of {@link KilnException}. */
  public static <E extends KilnException> String expect(Class<E> type, Executable code, String... parts) {
    String message = assertThrows(type, code).getMessage();
    assertOneLine(message);
    for (String part : parts) {
      assertTrue(message.contains(part), "expected '" + part + "' in: " + message);
    }
    return message;
  }

  /** Fails unless {@code message} is a single non-blank line. */
  public static void assertOneLine(String message) {
    assertTrue(message != null && !message.isBlank(), "blank message");
    assertEquals(1, message.lines().count(), "not one line: " + message);
  }
}
