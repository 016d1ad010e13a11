package dev.kiln.api;

/** Generates a token sequence from a {@link LanguageModel} after a prompt (greedy, beam, sampling, ...). */
public interface Decoder {
  /** Continues {@code prompt} (token ids) as the decoding strategy and {@code options} say. */
  Generation decode(LanguageModel lm, int[] prompt, Decoding options);
}
