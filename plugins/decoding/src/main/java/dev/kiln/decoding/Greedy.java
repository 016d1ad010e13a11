package dev.kiln.decoding;

import dev.kiln.api.Decoder;
import dev.kiln.api.DecoderProvider;
import dev.kiln.api.Decoding;
import dev.kiln.api.Generation;
import dev.kiln.api.LanguageModel;
import dev.kiln.api.Params;
import dev.kiln.api.Schema;
import java.util.Arrays;

/**
 * Greedy decoding: at each step append the most probable next token,
 * <pre>  xₜ = argmax_v logits(x₁..xₜ₋₁)[v],   log P = Σₜ log_softmax(logits)[xₜ]</pre>
 * for up to {@link Decoding#maxTokens()} tokens, stopping after {@link Decoding#stopToken()} is produced.
 * Ties go to the lowest token id (as {@code torch.argmax} and {@code numpy.argmax}). The log-softmax is
 * computed stably as {@code l[x] − max(l) − log Σ exp(l − max(l))}. Deterministic: the seed is unused.
 *
 * <p>Reference: Jurafsky and Martin, "Speech and Language Processing", 3rd ed. draft, §10.2 (greedy
 * decoding); Hugging Face transformers {@code GenerationMixin.greedy_search}.
 */
public final class Greedy implements Decoder {
  @Override
  public Generation decode(LanguageModel lm, int[] prompt, Decoding options) {
    int vocab = lm.vocabSize();
    Steps.check("greedy", prompt, vocab, options);
    int[] context = Arrays.copyOf(prompt, prompt.length + options.maxTokens());
    int length = prompt.length;
    double logProbability = 0;
    for (int step = 0; step < options.maxTokens(); step++) {
      double[] logProbabilities = Steps.logSoftmax("greedy", Steps.logits(lm, Arrays.copyOf(context, length), vocab,
          step), step);
      int best = 0;
      for (int v = 1; v < vocab; v++) {
        if (logProbabilities[v] > logProbabilities[best]) {
          best = v;
        }
      }
      logProbability += logProbabilities[best];
      context[length++] = best;
      if (best == options.stopToken()) {
        break;
      }
    }
    return new Generation(Arrays.copyOfRange(context, prompt.length, length), logProbability);
  }

  /** The {@code greedy} plugin. */
  public static final class Plugin implements DecoderProvider {
    @Override
    public String name() {
      return "greedy";
    }

    @Override
    public String summary() {
      return "greedy decoding: always append the most probable next token";
    }

    @Override
    public String description() {
      return """
          x_t = argmax_v logits(x_1..x_{t-1})[v] for up to maxTokens tokens, stopping after stopToken;
          logProbability = sum_t log_softmax(logits_t)[x_t]. Ties go to the lowest token id.
          Reference: Jurafsky and Martin, Speech and Language Processing, 3rd ed., 10.2 (greedy decoding);
          Hugging Face transformers greedy_search.
          """;
    }

    @Override
    public Schema schema() {
      return Schema.empty();
    }

    @Override
    public Decoder create(Params params) {
      return new Greedy();
    }
  }
}
