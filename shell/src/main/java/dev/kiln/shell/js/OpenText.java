package dev.kiln.shell.js;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Whether JavaScript input stops inside text that the next line may finish: a template literal (across its
 * {@code ${...}} expressions), a block comment, or a quoted string right after a backslash (a continued
 * line). GraalJS reports these as syntax errors rather than incomplete input, where an open bracket is
 * incomplete; the REPL asks both. A lexical scan: regular-expression literals are not recognised, so a quote
 * inside one can mislead it (the cost is a continuation prompt where an error was due).
 */
final class OpenText {
  private OpenText() {}

  static boolean endsInside(String code) {
    Deque<Integer> expressions = new ArrayDeque<>();   // the brace depth at which each open ${ began
    int braces = 0;
    char quote = 0;
    boolean lineComment = false;
    boolean blockComment = false;
    for (int i = 0; i < code.length(); i++) {
      char c = code.charAt(i);
      char next = i + 1 < code.length() ? code.charAt(i + 1) : 0;
      if (lineComment) {
        lineComment = c != '\n';
      } else if (blockComment) {
        if (c == '*' && next == '/') {
          blockComment = false;
          i++;
        }
      } else if (quote != 0) {
        if (c == '\\') {
          if (next == 0) {
            return true;
          }
          i++;
        } else if (quote == '`' && c == '$' && next == '{') {
          expressions.push(braces++);
          quote = 0;
          i++;
        } else if (c == quote) {
          quote = 0;
        } else if (c == '\n' && quote != '`') {
          return false;                                 // a string cut by a line end: an error, not a continuation
        }
      } else if (c == '/' && next == '/') {
        lineComment = true;
        i++;
      } else if (c == '/' && next == '*') {
        blockComment = true;
        i++;
      } else if (c == '\'' || c == '"' || c == '`') {
        quote = c;
      } else if (c == '{') {
        braces++;
      } else if (c == '}') {
        braces--;
        if (!expressions.isEmpty() && expressions.peek() == braces) {
          expressions.pop();
          quote = '`';
        }
      }
    }
    return blockComment || quote == '`';
  }
}
