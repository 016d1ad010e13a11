package dev.kiln.metrics;

import dev.kiln.api.Metric;
import dev.kiln.api.MetricProvider;
import dev.kiln.api.Params;
import dev.kiln.api.Schema;
import dev.kiln.api.Score;
import dev.kiln.api.metric.TextPairs;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * BLEU with sacreBLEU's semantics, on its 0–100 scale:
 * <pre>
 *   BLEU = BP · exp( (1/N) Σₙ log pₙ ),   pₙ = 100 · Σ_seg Σ_g min(c_hyp(g), max_ref c_ref(g)) / Σ_seg Σ_g c_hyp(g)
 *   BP   = 1 if c ≥ r, else exp(1 − r / c)    (c: hypothesis tokens, r: closest reference lengths, ties shorter)
 * </pre>
 * over the n-grams {@code g} of order {@code n ≤ N} of each tokenised segment, clipped by their largest count
 * in any one reference. Zero precisions are smoothed: {@code exp} gives the k-th of them
 * {@code 100 / (2^k · total)}, {@code floor} {@code 100 ε / total}, {@code add-k} adds k to the counts and totals
 * of orders above 1, and {@code none} leaves them 0 (so the score is 0). With {@code effectiveOrder}, N is the
 * last order with any hypothesis n-gram. The corpus score sums the statistics of all segments; the sentence
 * level averages per-segment scores. Details: {@code precisions}, {@code counts}, {@code totals}, {@code bp},
 * {@code ratio}, {@code hypLen}, {@code refLen}, {@code signature} (and {@code sentences}).
 *
 * <p>Reference: Papineni, Roukos, Ward, Zhu, "BLEU: a Method for Automatic Evaluation of Machine Translation",
 * ACL 2002; Post, "A Call for Clarity in Reporting BLEU Scores", WMT 2018 (sacreBLEU 2.x
 * {@code sacrebleu/metrics/bleu.py}); Chen and Cherry, "A Systematic Comparison of Smoothing Techniques for
 * Sentence-Level BLEU", WMT 2014.
 */
public final class Bleu implements Metric<TextPairs> {
  private final BleuOptions options;

  public Bleu(BleuOptions options) {
    this.options = options;
  }

  public BleuOptions options() {
    return options;
  }

  @Override
  public Score score(TextPairs input) {
    int orders = options.maxOrder();
    NGrams vocabulary = new NGrams();
    long[][] segments = new long[input.size()][];
    long[] corpus = new long[2 + 2 * orders];
    for (int i = 0; i < segments.length; i++) {
      segments[i] = statistics(vocabulary, input.hypotheses().get(i), input.referencesOf(i));
      for (int j = 0; j < corpus.length; j++) {
        corpus[j] += segments[i][j];
      }
    }
    Map<String, Object> details = new LinkedHashMap<>();
    double score = compute(corpus, details);
    details.put("signature", options.signature(input.references().size()));
    if (options.level().equals("corpus")) {
      return new Score(score, details);
    }
    double[] sentences = new double[segments.length];
    double sum = 0;
    for (int i = 0; i < segments.length; i++) {
      sentences[i] = compute(segments[i], new LinkedHashMap<>());
      sum += sentences[i];
    }
    details.put("sentences", sentences);
    return new Score(sum / sentences.length, details);
  }

  /** {hypothesis length, closest reference length, matches of orders 1..N, n-grams of orders 1..N}. */
  private long[] statistics(NGrams vocabulary, String hypothesis, List<String> references) {
    int orders = options.maxOrder();
    Map<NGrams.Gram, Integer> referenceCounts = new HashMap<>();
    int[] hypothesisIds = tokens(vocabulary, hypothesis);
    int hypLength = hypothesisIds.length;
    int closest = -1;
    for (String reference : references) {
      int[] ids = tokens(vocabulary, reference);
      NGrams.count(ids, 1, orders).forEach((gram, count) -> referenceCounts.merge(gram, count, Math::max));
      int distance = Math.abs(hypLength - ids.length);
      int best = Math.abs(hypLength - closest);
      if (closest < 0 || distance < best || (distance == best && ids.length < closest)) {
        closest = ids.length;
      }
    }
    long[] stats = new long[2 + 2 * orders];
    stats[0] = hypLength;
    stats[1] = closest;
    NGrams.count(hypothesisIds, 1, orders).forEach((gram, count) -> {
      stats[2 + orders + gram.n() - 1] += count;
      stats[2 + gram.n() - 1] += Math.min(count, referenceCounts.getOrDefault(gram, 0));
    });
    return stats;
  }

  private int[] tokens(NGrams vocabulary, String segment) {
    String text = options.lowercase() ? segment.toLowerCase(Locale.ROOT) : segment;
    return vocabulary.ids(BleuTokenizer.tokenize(options.tokenize(), Whitespace.stripTrailing(text)));
  }

  /**
   * sacreBLEU's {@code compute_bleu} on summed statistics: returns the score and puts the precisions, counts,
   * totals, BP, ratio and lengths into {@code details}.
   */
  private double compute(long[] stats, Map<String, Object> details) {
    int orders = options.maxOrder();
    long sysLength = stats[0];
    long refLength = stats[1];
    double[] correct = new double[orders];
    double[] total = new double[orders];
    boolean anyMatch = false;
    for (int n = 0; n < orders; n++) {
      correct[n] = stats[2 + n];
      total[n] = stats[2 + orders + n];
      anyMatch |= correct[n] > 0;
    }
    double bp = sysLength >= refLength ? 1 : sysLength > 0 ? Math.exp(1 - (double) refLength / sysLength) : 0;
    double[] precisions = new double[orders];
    double score = 0;
    if (anyMatch) {
      double mteval = 1;
      int effective = orders;
      for (int n = 0; n < orders; n++) {
        if (options.smooth().equals("add-k") && n > 0) {
          correct[n] += options.smoothing();
          total[n] += options.smoothing();
        }
        if (total[n] == 0) {
          break;
        }
        effective = options.effectiveOrder() ? n + 1 : effective;
        if (correct[n] > 0) {
          precisions[n] = 100 * correct[n] / total[n];
        } else if (options.smooth().equals("exp")) {
          mteval *= 2;
          precisions[n] = 100 / (mteval * total[n]);
        } else if (options.smooth().equals("floor")) {
          precisions[n] = 100 * options.smoothing() / total[n];
        }
      }
      double logSum = 0;
      for (int n = 0; n < effective; n++) {
        logSum += precisions[n] == 0 ? -9999999999.0 : Math.log(precisions[n]);
      }
      score = bp * Math.exp(logSum / effective);
    }
    details.put("precisions", precisions);
    details.put("counts", Arrays.copyOfRange(stats, 2, 2 + orders));
    details.put("totals", Arrays.copyOfRange(stats, 2 + orders, 2 + 2 * orders));
    details.put("bp", bp);
    details.put("ratio", refLength == 0 ? 0.0 : (double) sysLength / refLength);
    details.put("hypLen", sysLength);
    details.put("refLen", refLength);
    return score;
  }

  /** The {@code bleu} plugin. */
  public static final class Plugin implements MetricProvider {
    @Override
    public String name() {
      return "bleu";
    }

    @Override
    public String summary() {
      return "BLEU on sacreBLEU's 0-100 scale (13a/intl tokenizers, smoothing, signature), corpus or sentence";
    }

    @Override
    public String description() {
      return """
          BLEU = BP * exp((1/N) * sum_n log p_n), p_n = 100 * clipped n-gram matches / hypothesis n-grams
          summed over segments (each n-gram counted at most as often as in any one reference), and
          BP = exp(1 - r/c) when the hypotheses (c tokens) are shorter than the closest references (r),
          else 1. Zero precisions: exp smoothing gives the k-th one 100 / (2^k * total), floor 100 * eps /
          total, add-k adds k to counts and totals of orders > 1, none leaves 0 (score 0). effectiveOrder
          averages only orders up to the last with hypothesis n-grams. Input: (references, hypotheses), the
          references as one stream of strings or a list of streams, as sacreBLEU. Details: precisions, bp,
          ratio, hypLen, refLen, counts, totals and the signature (nrefs|case|eff|tok|smooth).
          Reference: Papineni et al., ACL 2002; Post, WMT 2018 (sacreBLEU 2.x); Chen & Cherry, WMT 2014.
          """;
    }

    @Override
    public Schema schema() {
      return BleuOptions.SCHEMA;
    }

    @Override
    public Metric<?> create(Params params) {
      return new Bleu(BleuOptions.from(params));
    }

    @Override
    public Class<?> inputType() {
      return TextPairs.class;
    }

    @Override
    public Object input(Object references, Object hypotheses) {
      return TextPairs.from(references, hypotheses);
    }
  }
}
