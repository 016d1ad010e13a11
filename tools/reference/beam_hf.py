#!/usr/bin/python3
"""Reference generations for plugins/decoding BeamSearchTest: beam search as Hugging Face transformers' (4.x)
BeamSearchScorer and BeamHypotheses run it, on a small Markov model given by its probabilities: per step, the
2B best extensions of the live beams; a stop-token extension ranked below B is dropped, one ranked within B is
finished and scored log P / L^alpha (L = generated tokens, stop token included) into the B best; the first B
other extensions go on. Done when B are finished and either early stopping is on, or the best extension of
the step scored at the current length cannot beat the worst finished one. After the last step the live beams
are scored the same way; the best-scored generation wins. transformers is not installed here, so this is a
transcription of those two classes for one batch row, written for this test.

Run: /usr/bin/python3 tools/reference/beam_hf.py
"""
import math

# P[last token][next token]; the prompt is [5]; token 0 is the stop token
P = {5: {0: .5, 1: .3, 2: .2}, 1: {0: .9, 3: .1}, 2: {0: .05, 4: .95}, 4: {0: .99, 1: .01}, 3: {0: 1.0},
     0: {0: 1.0}}


def beam(beams, alpha, early, max_new, prompt=(5,), stop=0):
    finished = []  # (score, tokens, log p), best first
    live = [((), 0.0)]

    def keep(tokens, log_p):
        finished.append((log_p / len(tokens) ** alpha, tokens, log_p))
        finished.sort(key=lambda f: -f[0])
        del finished[beams:]

    for step in range(max_new):
        candidates = []
        for tokens, log_p in live:
            last = (prompt + tokens)[-1]
            for token, p in P[last].items():
                candidates.append((log_p + math.log(p), tokens + (token,)))
        candidates.sort(key=lambda c: -c[0])
        following = []
        for rank, (log_p, tokens) in enumerate(candidates[:2 * beams]):
            if tokens[-1] == stop:
                if rank < beams:
                    keep(tokens, log_p)
            else:
                following.append((tokens, log_p))
            if len(following) == beams:
                break
        live = following
        best = candidates[0][0] / (step + 1) ** alpha
        if len(finished) == beams and (early or not live or best <= finished[-1][0]):
            live = []
            break
    for tokens, log_p in live:
        keep(tokens, log_p)
    return finished[0]


def main():
    for beams, alpha, early in [(1, 1.0, False), (2, 1.0, False), (2, 1.0, True), (2, 0.0, False), (3, 2.0, False),
                                (2, -1.0, False)]:
        score, tokens, log_p = beam(beams, alpha, early, 5)
        print("      new Case(%d, %r, %s, new int[] {%s}, %r)," % (beams, alpha, str(early).lower(),
                                                                 ", ".join(map(str, tokens)), log_p))


if __name__ == "__main__":
    main()
