#!/usr/bin/python3
"""Reference values of scikit-learn 1.2's classification metrics for plugins/metrics ClassificationTest.

Prints the Java class ClassificationReference (plugins/metrics/src/test/java/dev/kiln/metrics/):
  /usr/bin/python3 tools/reference/metrics_classification_sklearn.py \
      > plugins/metrics/src/test/java/dev/kiln/metrics/ClassificationReference.java

Inputs come from SplitMix64 (metrics_splitmix.py, mirrored by the test class SplitMix) for seeds 1, 2, 3, by the
formulas in multiclass() and binary() below, which ClassificationTest repeats operation for operation:
  multi-class, n = 600, k = 4: truth t = below(4); prediction t when uniform() < 0.6, else below(3) (so class 3
    is predicted only when right; for seed 3 predictions are capped at 2, so class 3 is never predicted);
    probabilities: raw_j = uniform() + (0.9 if j == t else 0), each row divided by its sequential sum.
  binary, n = 600, generator seed + 100: b = below(2); score floor((0.35 b + 0.65 uniform()) * 20) / 20 (many
    ties); predicted label b when uniform() < 0.7, else 1 - b; probability 0.2 + 0.6 (b + uniform()) / 2.
"""
import math
import sys
import warnings

import numpy as np
import sklearn
from sklearn.metrics import (average_precision_score, confusion_matrix, f1_score, fbeta_score, log_loss,
                             precision_recall_fscore_support, precision_score, recall_score, roc_auc_score,
                             roc_curve)
from sklearn.preprocessing import label_binarize

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from metrics_splitmix import SplitMix  # noqa: E402

warnings.simplefilter("ignore")
SEEDS = [1, 2, 3]
N = 600
K = 4


def multiclass(seed):
    r = SplitMix(seed)
    truth, predicted, probabilities = [], [], []
    for _ in range(N):
        t = r.below(K)
        p = t if r.uniform() < 0.6 else r.below(K - 1)
        if seed == 3:
            p = min(p, K - 2)
        raw = [r.uniform() + (0.9 if j == t else 0.0) for j in range(K)]
        s = 0.0
        for v in raw:
            s += v
        truth.append(t)
        predicted.append(p)
        probabilities.append([v / s for v in raw])
    return np.array(truth), np.array(predicted), np.array(probabilities)


def binary(seed):
    r = SplitMix(seed + 100)
    truth, scores, predicted, probability = [], [], [], []
    for _ in range(N):
        b = r.below(2)
        scores.append(math.floor((0.35 * b + 0.65 * r.uniform()) * 20) / 20)
        predicted.append(b if r.uniform() < 0.7 else 1 - b)
        probability.append(0.2 + 0.6 * (b + r.uniform()) / 2)
        truth.append(b)
    return np.array(truth), np.array(scores), np.array(predicted), np.array(probability)


def java(value):
    if isinstance(value, (list, tuple, np.ndarray)):
        return "{" + ", ".join(java(v) for v in value) + "}"
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    return repr(float(value))


rows = {}


def put(name, kind, value):
    rows.setdefault((name, kind), []).append(value)


for seed in SEEDS:
    t, p, prob = multiclass(seed)
    for average in ["macro", "micro", "weighted"]:
        P, R, F, _ = precision_recall_fscore_support(t, p, average=average, zero_division=0)
        put("PRECISION_" + average.upper(), "double[]", P)
        put("RECALL_" + average.upper(), "double[]", R)
        put("F1_" + average.upper(), "double[]", F)
    P, R, F, S = precision_recall_fscore_support(t, p, average=None, zero_division=0)
    put("PRECISION_PER_CLASS", "double[][]", P)
    put("RECALL_PER_CLASS", "double[][]", R)
    put("F1_PER_CLASS", "double[][]", F)
    put("SUPPORT", "long[][]", S)
    put("FBETA_HALF_MACRO", "double[]", fbeta_score(t, p, beta=0.5, average="macro", zero_division=0))
    put("FBETA_TWO_WEIGHTED", "double[]", fbeta_score(t, p, beta=2, average="weighted", zero_division=0))
    put("PRECISION_MACRO_ZERO_DIVISION_1", "double[]", precision_score(t, p, average="macro", zero_division=1))
    put("F1_MACRO_ZERO_DIVISION_1", "double[]", f1_score(t, p, average="macro", zero_division=1))
    put("F1_MACRO_LABELS_0_TO_4", "double[]", f1_score(t, p, labels=[0, 1, 2, 3, 4], average="macro",
                                                       zero_division=0))
    put("RECALL_MACRO_LABELS_0_TO_4", "double[]", recall_score(t, p, labels=[0, 1, 2, 3, 4], average="macro",
                                                               zero_division=0))
    put("CONFUSION", "long[][][]", confusion_matrix(t, p))
    put("CONFUSION_NORMALIZE_TRUE", "double[][][]", confusion_matrix(t, p, normalize="true"))
    put("CONFUSION_NORMALIZE_PRED", "double[][][]", confusion_matrix(t, p, normalize="pred"))
    for average in ["macro", "weighted", "micro"]:
        put("ROC_AUC_OVR_" + average.upper(), "double[]",
            roc_auc_score(t, prob, multi_class="ovr", average=average))
        put("AP_OVR_" + average.upper(), "double[]",
            average_precision_score(label_binarize(t, classes=list(range(K))), prob, average=average))
    put("LOG_LOSS", "double[]", log_loss(t, prob))

    b, s, pb, q = binary(seed)
    put("BINARY_ROC_AUC", "double[]", roc_auc_score(b, s))
    fpr, tpr, thr = roc_curve(b, s)
    put("BINARY_FPR", "double[][]", fpr)
    put("BINARY_TPR", "double[][]", tpr)
    put("BINARY_THRESHOLDS", "double[][]", thr)
    fpr, tpr, thr = roc_curve(b, s, drop_intermediate=False)
    put("BINARY_FPR_ALL", "double[][]", fpr)
    put("BINARY_THRESHOLDS_ALL", "double[][]", thr)
    put("BINARY_AP", "double[]", average_precision_score(b, s))
    put("BINARY_PRECISION", "double[]", precision_score(b, pb))
    put("BINARY_RECALL", "double[]", recall_score(b, pb))
    put("BINARY_F1", "double[]", f1_score(b, pb))
    put("BINARY_F1_POS_LABEL_0", "double[]", f1_score(b, pb, pos_label=0))
    put("BINARY_LOG_LOSS", "double[]", log_loss(b, q))
    put("CONSTANT_SCORE_ROC_AUC", "double[]", roc_auc_score(b, np.full(N, 0.5)))
    put("CONSTANT_SCORE_AP", "double[]", average_precision_score(b, np.full(N, 0.5)))

print("package dev.kiln.metrics;")
print()
print("/** Generated by tools/reference/metrics_classification_sklearn.py (scikit-learn %s, numpy %s); do not edit."
      % (sklearn.__version__, np.__version__))
print(" *  Each constant holds one value per seed 1, 2, 3. */")
print("final class ClassificationReference {")
print("  private ClassificationReference() {}")
print()
for (name, kind), values in rows.items():
    print("  static final %s %s = %s;" % (kind, name, java(values)))
print("}")
