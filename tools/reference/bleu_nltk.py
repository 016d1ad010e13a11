#!/usr/bin/python3
"""Reference values for plugins/metrics BleuTest: sacreBLEU's tokenizers and NLTK 3.8's corpus_bleu.

Prints the Java class BleuReference:
  /usr/bin/python3 tools/reference/bleu_nltk.py > plugins/metrics/src/test/java/dev/kiln/metrics/BleuReference.java

sacreBLEU is not installed here, so its 13a and intl tokenizers are applied with the regular expressions copied
from sacreBLEU 2.x (sacrebleu/tokenizers/tokenizer_13a.py, tokenizer_re.py, tokenizer_intl.py; the intl one
needs the `regex` module for \\p{..} classes), and BLEU values come from NLTK's corpus_bleu on the same tokens,
whose smoothing methods equal sacreBLEU's when every hypothesis has at least max-order tokens:
  method0 = smooth none (NLTK puts sys.float_info.min for a zero precision, sacreBLEU exp(-9999999999) = 0),
  method1 = floor with epsilon 0.1, method2 = add-k with k = 1, method3 = exp (NIST geometric).
NLTK scores are on a 0-1 scale, sacreBLEU's (and Kiln's) on 0-100.

Corpus (SplitMix64 of metrics_splitmix.py, generator seed + 400, seeds 1, 2, 3; BleuTest repeats it): 60
segments; reference 1 = 5 + below(10) words below(30) named w<id>; reference 2 keeps each word when
uniform() < 0.7, else below(30); the hypothesis keeps each word of reference 1 when uniform() < 0.6, else
below(30), and drops its last word when then uniform() < 0.3.
"""
import re
import sys

import nltk
import regex
from nltk.translate.bleu_score import SmoothingFunction, corpus_bleu

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from metrics_splitmix import SplitMix  # noqa: E402

RE_13A = [
    (re.compile(r'([\{-\~\[-\` -\&\(-\+\:-\@\/])'), r' \1 '),
    (re.compile(r'([^0-9])([\.,])'), r'\1 \2 '),
    (re.compile(r'([\.,])([^0-9])'), r' \1 \2'),
    (re.compile(r'([0-9])(-)'), r'\1 \2 '),
]
RE_INTL = [
    (regex.compile(r'(\P{N})(\p{P})'), r'\1 \2 '),
    (regex.compile(r'(\p{P})(\P{N})'), r' \1 \2'),
    (regex.compile(r'(\p{S})'), r' \1 '),
]


def tok_13a(line):
    line = line.rstrip()
    line = line.replace('<skipped>', '').replace('-\n', '').replace('\n', ' ')
    if '&' in line:
        line = line.replace('&quot;', '"').replace('&amp;', '&').replace('&lt;', '<').replace('&gt;', '>')
    line = f' {line} '
    for pattern, repl in RE_13A:
        line = pattern.sub(repl, line)
    return line.split()


def tok_intl(line):
    line = line.rstrip()
    for pattern, repl in RE_INTL:
        line = pattern.sub(repl, line)
    return line.split()


TOKENIZER_CASES = [
    "The dog bit the man.",
    "It wasn't surprising.",
    "Prices rose 1,000.50 dollars (about 3.5%) in 2019-2020.",
    "A &amp; B &quot;quoted&quot; &lt;tag&gt; <skipped> e-mail a/b x{y}z",
    "Tabs\tand\nnew lines, broken hy-\nphens; U.S.A. end.",
    "Grüße, „Zitat“ — 3.5€ ©2020 ½ naïve café's 'quotes' $100!?",
    "10.000,5 and 7. Then 8,x.",
]

README_HYPOTHESES = ["The dog bit the man.", "It wasn't surprising.", "The man had just bitten him."]
README_REFERENCES = [["The dog bit the man.", "It was not unexpected.", "The man bit him first."],
                     ["The dog had bit the man.", "No one was surprised.", "The man had bitten the dog."]]


def corpus(seed, segments=60):
    r = SplitMix(seed + 400)
    first, second, hypotheses = [], [], []
    for _ in range(segments):
        length = 5 + r.below(10)
        ref = [r.below(30) for _ in range(length)]
        ref2 = [w if r.uniform() < 0.7 else r.below(30) for w in ref]
        hyp = [w if r.uniform() < 0.6 else r.below(30) for w in ref]
        if r.uniform() < 0.3:
            hyp = hyp[:-1]
        first.append(" ".join("w%d" % w for w in ref))
        second.append(" ".join("w%d" % w for w in ref2))
        hypotheses.append(" ".join("w%d" % w for w in hyp))
    return [first, second], hypotheses


def nltk_bleu(streams, hypotheses, smoothing, order=4, tokenize=str.split):
    refs = [[tokenize(s[i]) for s in streams] for i in range(len(hypotheses))]
    hyps = [tokenize(h) for h in hypotheses]
    return 100 * corpus_bleu(refs, hyps, weights=(1 / order,) * order, smoothing_function=smoothing)


def java_string(s):
    return '"' + s.replace('\\', '\\\\').replace('"', '\\"').replace('\n', '\\n').replace('\t', '\\t') + '"'


smooth = SmoothingFunction()
methods = {"NONE": smooth.method0, "FLOOR": smooth.method1, "ADD_K": smooth.method2, "EXP": smooth.method3}
lines = []
lines.append("  static final String[] TOKENIZER_CASES = {%s};" % ", ".join(java_string(c) for c in TOKENIZER_CASES))
lines.append("  static final String[] TOKENS_13A = {%s};"
             % ", ".join(java_string(" ".join(tok_13a(c))) for c in TOKENIZER_CASES))
lines.append("  static final String[] TOKENS_INTL = {%s};"
             % ", ".join(java_string(" ".join(tok_intl(c))) for c in TOKENIZER_CASES))
lines.append("  static final double README_EXP = %r;"
             % nltk_bleu(README_REFERENCES, README_HYPOTHESES, smooth.method3, tokenize=tok_13a))
lines.append("  static final double README_INTL_EXP = %r;"
             % nltk_bleu(README_REFERENCES, README_HYPOTHESES, smooth.method3, tokenize=tok_intl))
values = {}
for seed in [1, 2, 3]:
    streams, hyps = corpus(seed)
    for name, method in methods.items():
        values.setdefault("CORPUS_" + name, []).append(nltk_bleu(streams, hyps, method))
    values.setdefault("CORPUS_EXP_ORDER_2", []).append(nltk_bleu(streams, hyps, smooth.method3, order=2))
    values.setdefault("CORPUS_NONE_ONE_STREAM", []).append(nltk_bleu(streams[:1], hyps, smooth.method0))
    for name, method in methods.items():
        sentences = [nltk_bleu([[s[i]] for s in streams], [hyps[i]], method) for i in range(len(hyps))]
        values.setdefault("SENTENCE_%s_MEAN" % name, []).append(sum(sentences) / len(sentences))
for name, vs in values.items():
    lines.append("  static final double[] %s = {%s};" % (name, ", ".join(repr(v) for v in vs)))

print("package dev.kiln.metrics;")
print()
print("/** Generated by tools/reference/bleu_nltk.py (NLTK %s, sacreBLEU 2.x tokenizer regexes); do not edit. */"
      % nltk.__version__)
print("final class BleuReference {")
print("  private BleuReference() {}")
print()
print("\n".join(lines))
print("}")
