package dev.kiln.shell.js;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import org.graalvm.polyglot.PolyglotException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Scripts reach Kiln only through {@code kiln}: no host classes, files, processes or the bridge itself. */
class SandboxTest {
  private static JsSession session;

  @BeforeAll
  static void open() {
    session = Sessions.open(new ByteArrayOutputStream());
  }

  @AfterAll
  static void close() {
    session.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Java.type('java.lang.System')",
      "Java.type('java.io.File')",
      "load('/etc/hostname')",
      "Polyglot.eval('js', '1')",
      "require('fs')",
      "bridge.version()",
      "kiln.model.constructor('return this')().bridge.version()",
      "kiln.data.csv.__proto__.constructor('return Java')().type('java.lang.Runtime')",
  })
  void refusesHostAccess(String code) {
    PolyglotException error = assertThrows(PolyglotException.class, () -> session.eval(code, "<test>"));
    String message = JsSession.describe(error);
    assertEquals(1, message.lines().count(), message);
  }

  @ParameterizedTest
  @ValueSource(strings = {"kiln.tensor([1]).__handle.getClass()", "kiln.tensor([1]).__handle.data()"})
  void handlesExposeNoMembers(String code) {
    PolyglotException error = assertThrows(PolyglotException.class, () -> session.eval(code, "<test>"));
    assertTrue(error.isGuestException(), error.toString());
  }
}
