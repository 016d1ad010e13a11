package dev.kiln.shell.repl;

import java.util.List;
import java.util.function.Predicate;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;

/**
 * Splits REPL input for JLine. On Enter, an incomplete JavaScript program (an open brace, string or
 * parenthesis, as the JavaScript parser judges it) raises {@link EOFError}, so that JLine keeps reading
 * on a continuation line. For completion, the word is the identifier path or plugin name before the cursor.
 */
final class ReplParser implements Parser {
  private final Predicate<String> incomplete;

  ReplParser(Predicate<String> incomplete) {
    this.incomplete = incomplete;
  }

  @Override
  public ParsedLine parse(String line, int cursor, ParseContext context) {
    if (context == ParseContext.ACCEPT_LINE && !line.strip().startsWith(":") && !line.isBlank()
        && incomplete.test(line)) {
      throw new EOFError(-1, cursor, "incomplete JavaScript", "continue");
    }
    int start = cursor;
    while (start > 0 && isWordChar(line.charAt(start - 1))) {
      start--;
    }
    return new Line(line, cursor, line.substring(0, start), line.substring(start, cursor));
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '.' || c == '-' || c == ':';
  }

  /** The line as two words: everything before the current word, and the current word up to the cursor. */
  private record Line(String line, int cursor, String before, String word) implements CompletingParsedLine {
    @Override
    public CharSequence escape(CharSequence candidate, boolean complete) {
      return candidate;
    }

    @Override
    public int rawWordCursor() {
      return word.length();
    }

    @Override
    public int rawWordLength() {
      return word.length();
    }

    @Override
    public int wordCursor() {
      return word.length();
    }

    @Override
    public int wordIndex() {
      return 1;
    }

    @Override
    public List<String> words() {
      return List.of(before, word);
    }
  }
}
