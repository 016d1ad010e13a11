package dev.kiln.api;

/**
 * What a decoder produced: the new tokens (without the prompt) and their total log-probability under the
 * model.
 */
public record Generation(int[] tokens, double logProbability) {
  /** Copies {@code tokens}, so later changes to the caller's array do not reach the generation. */
  public Generation {
    tokens = tokens.clone();
  }

  /** The generated token ids in order, without the prompt; a fresh copy on every call. */
  @Override
  public int[] tokens() {
    return tokens.clone();
  }
}
