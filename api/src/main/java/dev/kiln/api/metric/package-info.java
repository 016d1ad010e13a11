/**
 * What metrics other than {@link dev.kiln.api.Predictions} score: {@link dev.kiln.api.metric.TextPairs} for
 * BLEU and ROUGE, {@link dev.kiln.api.metric.Rankings} for ranking metrics and
 * {@link dev.kiln.api.metric.TokenLogits} for perplexity. Each is a record validated on construction with a
 * {@code from(truth, prediction)} factory that takes the plain values a script passes, so that a metric
 * provider's {@link dev.kiln.api.MetricProvider#input} needs one line and the shell needs no change.
 */
package dev.kiln.api.metric;
