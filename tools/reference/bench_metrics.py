#!/usr/bin/python3
"""The Python side of `./kiln bench metrics`: times the reference tools on the data Kiln wrote, with the same
thread count (the caller sets OMP/MKL/OPENBLAS_NUM_THREADS=2), medians of several runs in this one process.

  /usr/bin/python3 tools/reference/bench_metrics.py DIR RUNS

DIR holds references.txt and hypotheses.txt (one segment a line), labels.f64 and scores.f64 (little-endian
float64). Prints one line per measurement, "name seconds value", or "name skip reason" when a tool is missing:
  bleu-nltk       NLTK corpus_bleu on whitespace tokens (Kiln: tokenize none, smooth none)
  bleu-sacrebleu  sacrebleu.corpus_bleu with its defaults (Kiln: 13a, exp smoothing)
  rougeL          rouge-score RougeScorer(["rougeL"]) over the pairs, mean F-measure
  roc-auc         sklearn.metrics.roc_auc_score
"""
import statistics
import sys
import time


def median_time(runs, work):
    times, value = [], None
    for _ in range(runs):
        start = time.perf_counter()
        value = work()
        times.append(time.perf_counter() - start)
    return statistics.median(times), value


def report(name, runs, setup):
    try:
        work = setup()
    except ImportError as e:
        print("%s skip %s not installed" % (name, e.name))
        return
    seconds, value = median_time(runs, work)
    print("%s %.6f %r" % (name, seconds, float(value)))
    sys.stdout.flush()


def main():
    folder, runs = sys.argv[1], int(sys.argv[2])
    with open(folder + "/references.txt", encoding="utf-8") as f:
        references = f.read().split("\n")[:-1]
    with open(folder + "/hypotheses.txt", encoding="utf-8") as f:
        hypotheses = f.read().split("\n")[:-1]

    def nltk_bleu():
        from nltk.translate.bleu_score import corpus_bleu
        return lambda: 100 * corpus_bleu([[r.split()] for r in references], [h.split() for h in hypotheses])

    def sacrebleu_bleu():
        import sacrebleu
        return lambda: sacrebleu.corpus_bleu(hypotheses, [references]).score

    def rouge_l():
        from rouge_score import rouge_scorer
        scorer = rouge_scorer.RougeScorer(["rougeL"])
        return lambda: statistics.fmean(scorer.score(r, h)["rougeL"].fmeasure
                                        for r, h in zip(references, hypotheses))

    def roc_auc():
        import numpy as np
        from sklearn.metrics import roc_auc_score
        labels = np.fromfile(folder + "/labels.f64", dtype="<f8")
        scores = np.fromfile(folder + "/scores.f64", dtype="<f8")
        return lambda: roc_auc_score(labels, scores)

    report("bleu-nltk", runs, nltk_bleu)
    report("bleu-sacrebleu", runs, sacrebleu_bleu)
    report("rougeL", runs, rouge_l)
    report("roc-auc", runs, roc_auc)


if __name__ == "__main__":
    main()
