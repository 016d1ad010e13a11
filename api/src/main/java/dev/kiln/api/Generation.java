package dev.kiln.api;

/**
 * What a decoder produced: the new tokens (without the prompt) and their total log-probability under the
 * model.
 */
public record Generation(int[] tokens, double logProbability) {
  public Generation {
    tokens = tokens.clone();
  }

  @Override
  public int[] tokens() {
    return tokens.clone();
  }
}
