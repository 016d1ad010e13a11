package dev.kiln.api;

/**
 * Per-call decoding settings, apart from the strategy's own options.
 *
 * @param maxTokens the most new tokens to generate, at least 1
 * @param stopToken generation ends after this token is produced; -1 for none
 * @param seed the seed for strategies that sample
 */
public record Decoding(int maxTokens, int stopToken, long seed) {
  /**
   * Checks that at least one token is asked for and that the stop token is a token id or -1.
   *
   * @throws KilnException when {@code maxTokens < 1} or {@code stopToken < -1}
   */
  public Decoding {
    if (maxTokens < 1) {
      throw new KilnException("maxTokens = " + maxTokens + " must be at least 1");
    }
    if (stopToken < -1) {
      throw new KilnException("stopToken = " + stopToken + " must be a token id, or -1 for none");
    }
  }

  /** Up to {@code maxTokens} tokens, no stop token, seed 0. */
  public static Decoding of(int maxTokens) {
    return new Decoding(maxTokens, -1, 0);
  }
}
