package dev.kiln.metrics;

/**
 * SplitMix64, bit for bit as {@code tools/reference/metrics_splitmix.py}, so that the tests and the reference
 * scripts build the same pseudo-random inputs from a seed.
 */
final class SplitMix {
  private long state;

  SplitMix(long seed) {
    state = seed;
  }

  long next() {
    state += 0x9E3779B97F4A7C15L;
    long z = state;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A double in [0, 1): the top 53 bits times 2^-53. */
  double uniform() {
    return (next() >>> 11) * 0x1.0p-53;
  }

  /** An integer in [0, k): the top 53 bits modulo k. */
  int below(int k) {
    return (int) ((next() >>> 11) % k);
  }
}
