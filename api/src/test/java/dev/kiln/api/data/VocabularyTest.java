package dev.kiln.api.data;

import static dev.kiln.api.Errors.expect;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class VocabularyTest {
  @Test
  void theSortedDistinctCharacters() {
    Vocabulary vocabulary = Vocabulary.ofCharacters("hello world");
    assertEquals(List.of(" ", "d", "e", "h", "l", "o", "r", "w"), vocabulary.tokens());
    assertEquals(8, vocabulary.size());
    assertEquals("Vocabulary[8 characters]", vocabulary.toString());
  }

  @Test
  void encodeAndDecodeRoundTrip() {
    Vocabulary vocabulary = Vocabulary.ofCharacters("hello world");
    assertArrayEquals(new int[] {3, 2, 4, 4, 5}, vocabulary.encode("hello"));
    assertEquals("world hello", vocabulary.decode(vocabulary.encode("world hello")));
    assertArrayEquals(new int[0], vocabulary.encode(""));
    assertEquals("", vocabulary.decode(new int[0]));
  }

  @Test
  void charactersOutsideTheBasicPlaneAreOneToken() {
    Vocabulary vocabulary = Vocabulary.ofCharacters("a\uD83D\uDE00b");
    assertEquals(3, vocabulary.size());
    assertArrayEquals(new int[] {0, 2, 1}, vocabulary.encode("a\uD83D\uDE00b"));
    assertEquals("\uD83D\uDE00ab", vocabulary.decode(new int[] {2, 0, 1}));
  }

  @Test
  void anUnknownCharacterIsNamedWithItsPosition() {
    Vocabulary vocabulary = Vocabulary.ofCharacters("abc");
    assertEquals("character 'z' at position 2 is not in the vocabulary of 3 characters; "
        + "build it from text that contains it", expect(() -> vocabulary.encode("abz")));
    expect(() -> vocabulary.decode(new int[] {0, 3}), "token id 3 is outside the vocabulary [0, 3)");
    expect(() -> vocabulary.decode(new int[] {-1}), "token id -1");
    expect(() -> Vocabulary.ofCharacters(""), "cannot build a vocabulary from empty text");
  }
}
