package dev.kiln.api.data;

import dev.kiln.api.KilnException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A character-level vocabulary: the distinct characters (Unicode code points) of a text, sorted, with
 * token id {@code i} standing for the {@code i}-th. Immutable.
 */
public final class Vocabulary {
  private final int[] codePoints;
  private final Map<Integer, Integer> ids = new HashMap<>();

  private Vocabulary(int[] codePoints) {
    this.codePoints = codePoints;
    for (int i = 0; i < codePoints.length; i++) {
      ids.put(codePoints[i], i);
    }
  }

  /** The sorted distinct characters of {@code text}. */
  public static Vocabulary ofCharacters(String text) {
    if (text.isEmpty()) {
      throw new KilnException("cannot build a vocabulary from empty text");
    }
    return new Vocabulary(text.codePoints().distinct().sorted().toArray());
  }

  /** The number of distinct characters {@code V}; token ids run from 0 to {@code V - 1}. */
  public int size() {
    return codePoints.length;
  }

  /** The token ids of {@code text}; fails on the first character outside the vocabulary. */
  public int[] encode(String text) {
    int[] points = text.codePoints().toArray();
    int[] out = new int[points.length];
    for (int i = 0; i < points.length; i++) {
      Integer id = ids.get(points[i]);
      if (id == null) {
        throw new KilnException("character '" + Character.toString(points[i]) + "' at position " + i
            + " is not in the vocabulary of " + size() + " characters; build it from text that contains it");
      }
      out[i] = id;
    }
    return out;
  }

  /** The text of {@code tokens}; fails on an id outside {@code [0, size)}. */
  public String decode(int[] tokens) {
    StringBuilder out = new StringBuilder();
    for (int token : tokens) {
      if (token < 0 || token >= codePoints.length) {
        throw new KilnException("token id " + token + " is outside the vocabulary [0, " + size() + ")");
      }
      out.appendCodePoint(codePoints[token]);
    }
    return out.toString();
  }

  /** The characters, in id order. */
  public List<String> tokens() {
    return Arrays.stream(codePoints).mapToObj(Character::toString).toList();
  }

  @Override
  public String toString() {
    return "Vocabulary[" + size() + " characters]";
  }
}
