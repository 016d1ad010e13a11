package dev.kiln.decoding;

import dev.kiln.api.Decoder;
import dev.kiln.api.DecoderProvider;
import dev.kiln.api.Decoding;
import dev.kiln.api.Generation;
import dev.kiln.api.LanguageModel;
import dev.kiln.api.Params;
import dev.kiln.api.Schema;
import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Ancestral sampling with temperature, top-k and nucleus (top-p) filtering: at each step the next token is
 * drawn from
 * <pre>
 *   p = softmax(logits / T)                      temperature T
 *   keep the k most probable tokens               (those tied with the k-th stay too; k = 0 keeps all)
 *   keep the fewest most probable of those whose renormalised probabilities sum to at least top-p
 *   xₜ ~ p restricted to the kept tokens, renormalised
 * </pre>
 * (tokens of equal probability rank by id, so a tie at the top-p cut keeps the lower id) for up to
 * {@link Decoding#maxTokens()} tokens, stopping after {@link Decoding#stopToken()}. The draws come
 * from a {@link SplittableRandom} seeded with {@link Decoding#seed()}, so a seed gives one generation. The
 * reported log-probability is the model's own, {@code Σₜ log_softmax(logits)[xₜ]} (temperature 1, unfiltered),
 * so generations of every strategy compare.
 *
 * <p>Reference: Holtzman et al., "The Curious Case of Neural Text Degeneration", ICLR 2020 (nucleus sampling);
 * Fan, Lewis and Dauphin, "Hierarchical Neural Story Generation", ACL 2018 (top-k); Hugging Face transformers
 * {@code TemperatureLogitsWarper}, {@code TopKLogitsWarper}, {@code TopPLogitsWarper} (applied in that order).
 */
public final class Sampling implements Decoder {
  private final SamplingOptions options;

  public Sampling(SamplingOptions options) {
    this.options = options;
  }

  public SamplingOptions options() {
    return options;
  }

  @Override
  public Generation decode(LanguageModel lm, int[] prompt, Decoding decoding) {
    int vocab = lm.vocabSize();
    Steps.check("sample", prompt, vocab, decoding);
    SplittableRandom random = new SplittableRandom(decoding.seed());
    int[] context = Arrays.copyOf(prompt, prompt.length + decoding.maxTokens());
    int length = prompt.length;
    double logProbability = 0;
    for (int step = 0; step < decoding.maxTokens(); step++) {
      double[] logits = Steps.logits(lm, Arrays.copyOf(context, length), vocab, step);
      double[] logProbabilities = Steps.logSoftmax("sample", logits, step);
      int token = draw(distribution(logits, step), random.nextDouble());
      logProbability += logProbabilities[token];
      context[length++] = token;
      if (token == decoding.stopToken()) {
        break;
      }
    }
    return new Generation(Arrays.copyOfRange(context, prompt.length, length), logProbability);
  }

  /** The probabilities the next token is drawn from: tempered, filtered to top-k and top-p, renormalised. */
  double[] distribution(double[] logits, int step) {
    double max = Arrays.stream(logits).max().orElseThrow();   // (l - max) / T: no overflow for a small T
    double[] tempered = Arrays.stream(logits).map(l -> (l - max) / options.temperature()).toArray();
    double[] p = Arrays.stream(Steps.logSoftmax("sample", tempered, step)).map(Math::exp).toArray();
    if (options.topK() == 0 && options.topP() == 1) {
      return p;                                     // nothing to filter: no need to rank the vocabulary
    }
    Integer[] order = IntStream.range(0, p.length).boxed().sorted(Comparator.comparingDouble((Integer v) -> -p[v])
        .thenComparingInt(v -> v)).toArray(Integer[]::new);
    int kept = options.topK() == 0 ? p.length : Math.min(options.topK(), p.length);
    while (kept < p.length && p[order[kept]] == p[order[kept - 1]]) {
      kept++;                                       // ties with the k-th token stay
    }
    double topKMass = 0;
    for (int i = 0; i < kept; i++) {
      topKMass += p[order[i]];
    }
    double sum = 0;
    for (int i = 0; i < kept; i++) {
      sum += p[order[i]];
      if (sum >= options.topP() * topKMass) {                 // top-p over the top-k tokens' renormalised probabilities
        kept = i + 1;
        break;
      }
    }
    double total = 0;
    for (int i = 0; i < kept; i++) {
      total += p[order[i]];
    }
    double[] out = new double[p.length];
    for (int i = 0; i < kept; i++) {
      out[order[i]] = p[order[i]] / total;
    }
    return out;
  }

  /** The token whose cumulative probability first exceeds {@code u} in [0, 1) (the last kept one at worst). */
  static int draw(double[] p, double u) {
    double cumulative = 0;
    int last = 0;
    for (int v = 0; v < p.length; v++) {
      if (p[v] > 0) {
        cumulative += p[v];
        last = v;
        if (u < cumulative) {
          return v;
        }
      }
    }
    return last;
  }

  /** The {@code sample} plugin. */
  public static final class Plugin implements DecoderProvider {
    @Override
    public String name() {
      return "sample";
    }

    @Override
    public String summary() {
      return "sampling with temperature, top-k and nucleus (top-p) filtering; seeded";
    }

    @Override
    public String description() {
      return """
          Each step draws x_t from p = softmax(logits / temperature), restricted to the topK most probable
          tokens (ties with the k-th stay; 0 keeps all), then to the fewest most probable tokens whose
          probabilities sum to at least topP, renormalised; stops after stopToken or maxTokens. The decode call's
          seed fixes the draws. logProbability is the model's own: sum_t log_softmax(logits_t)[x_t].
          Reference: Holtzman et al., The Curious Case of Neural Text Degeneration, ICLR 2020 (top-p);
          Fan et al., Hierarchical Neural Story Generation, ACL 2018 (top-k); Hugging Face transformers
          TemperatureLogitsWarper, TopKLogitsWarper, TopPLogitsWarper.
          """;
    }

    @Override
    public Schema schema() {
      return SamplingOptions.SCHEMA;
    }

    @Override
    public Decoder create(Params params) {
      return new Sampling(SamplingOptions.from(params));
    }
  }
}
