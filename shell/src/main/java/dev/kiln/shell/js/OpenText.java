package dev.kiln.shell.js;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Whether JavaScript input stops inside text that the next line may finish: a template literal (across its
 * {@code ${...}} expressions), a block comment, or a quoted string right after a backslash (a continued
 * line). GraalJS reports these as syntax errors rather than incomplete input, where an open bracket is
 * incomplete; the REPL asks both. A lexical scan: a {@code /} where an operand is due (after an operator, an
 * opening bracket, a comma or at the start) opens a regular-expression literal, which it skips; one after a
 * keyword such as {@code return} is taken for a division (the cost: a quote in it can mislead the scan).
 */
final class OpenText {
  /** The characters after which a {@code /} starts a regular expression rather than dividing. */
  private static final String OPERAND_DUE = "(,=:[!&|?{};+-*%<>~^";

  private OpenText() {}

  /** Whether {@code code} ends inside text that the next line may finish (see the class). */
  static boolean endsInside(String code) {
    Deque<Integer> expressions = new ArrayDeque<>();   // the brace depth at which each open ${ began
    int braces = 0;
    char quote = 0;
    boolean lineComment = false;
    boolean blockComment = false;
    char last = 0;                                      // the last character of code outside comments and text
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
      } else if (c == '/' && (last == 0 || OPERAND_DUE.indexOf(last) >= 0)) {
        i = regexEnd(code, i);
        if (i < 0) {
          return false;                                 // a regular expression cut by a line end: an error
        }
        last = '/';
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
      if (!lineComment && !blockComment && quote == 0 && !Character.isWhitespace(c)) {
        last = code.charAt(i);
      }
    }
    return blockComment || quote == '`';
  }

  /** The index of the last character of the regular expression that starts at {@code start}, or -1. */
  private static int regexEnd(String code, int start) {
    boolean inClass = false;
    for (int i = start + 1; i < code.length(); i++) {
      char c = code.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '\n') {
        return -1;
      } else if (c == '[') {
        inClass = true;
      } else if (c == ']') {
        inClass = false;
      } else if (c == '/' && !inClass) {
        while (i + 1 < code.length() && Character.isLetter(code.charAt(i + 1))) {
          i++;                                          // the flags
        }
        return i;
      }
    }
    return -1;
  }
}
