package dev.kiln.shell.js;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Input that the next line may finish continues in the REPL; finished input and real errors do not. */
class OpenTextTest {
  @Test
  void templatesBlockCommentsAndContinuedStringsAreOpen() {
    for (String open : List.of("let s = `abc", "/* start", "'abc\\", "\"x\\", "`a ${ {b: 1}.b } c",
        "`a ${ `inner ${1}` }", "f(1) /* note ` */ /* again", "var s = 'a'; if (/'/.test(s)) {\nvar t = `abc",
        "let r = /a\\/b/; `x")) {
      assertTrue(OpenText.endsInside(open), open);
    }
    for (String closed : List.of("`done`", "'abc'", "'abc", "x = 1 // a ` in a comment", "/* c */ 1",
        "`a ${ {b: 1}.b } c`", "'line\n'", "/[/*]/.test('a'))", "s.replace(/`/g, \"\"))", "x = a / b / c",
        "f(/'/.test(s))")) {
      assertFalse(OpenText.endsInside(closed), closed);
    }
  }

  @Test
  void theSessionAsksForMoreOnlyWhereMoreCanHelp() {
    JsSession session = Sessions.open(new ByteArrayOutputStream());
    assertTrue(session.isIncomplete("let s = `abc"));
    assertTrue(session.isIncomplete("/* start"));
    assertTrue(session.isIncomplete("if (x) {"));
    assertFalse(session.isIncomplete("let s = `abc`"));
    assertFalse(session.isIncomplete("1 +* 2"), "a syntax error is reported, not continued");
  }
}
