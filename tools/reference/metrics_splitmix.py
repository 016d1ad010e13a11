"""SplitMix64, bit for bit as plugins/metrics' test class SplitMix, so that reference scripts and Java tests
build the same pseudo-random inputs from a seed (integer arithmetic modulo 2^64, doubles from 53 bits).

Reference: Steele, Lea, Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014.
"""
MASK = (1 << 64) - 1


class SplitMix:
    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def uniform(self):
        """A double in [0, 1): the top 53 bits times 2^-53."""
        return (self.next() >> 11) * (1.0 / (1 << 53))

    def below(self, k):
        """An integer in [0, k): the top 53 bits modulo k."""
        return (self.next() >> 11) % k
