package dev.kiln.decoding;

import dev.kiln.api.Decoder;
import dev.kiln.api.DecoderProvider;
import dev.kiln.api.Decoding;
import dev.kiln.api.Generation;
import dev.kiln.api.KilnException;
import dev.kiln.api.LanguageModel;
import dev.kiln.api.Params;
import dev.kiln.api.Schema;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

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
    for (int i = 0; i < prompt.length; i++) {
      if (prompt[i] < 0 || prompt[i] >= vocab) {
        throw new KilnException("greedy: prompt token " + prompt[i] + " at position " + i
            + " is outside the vocabulary [0, " + vocab + ")");
      }
    }
    if (options.stopToken() >= vocab) {
      throw new KilnException("greedy: stopToken " + options.stopToken() + " is outside the vocabulary [0, " + vocab
          + "), so it could never end the generation; give a token id below " + vocab + ", or -1 for none");
    }
    int[] context = Arrays.copyOf(prompt, prompt.length + options.maxTokens());
    int length = prompt.length;
    double logProbability = 0;
    for (int step = 0; step < options.maxTokens(); step++) {
      double[] logits = logits(lm, Arrays.copyOf(context, length), vocab, step);
      int best = 0;
      double max = logits[0];
      for (int v = 1; v < vocab; v++) {
        if (logits[v] > max) {
          max = logits[v];
          best = v;
        }
      }
      if (max == Double.NEGATIVE_INFINITY) {
        throw new KilnException("greedy: every logit is -Infinity at step " + (step + 1)
            + "; the model gives no token a probability");
      }
      double sum = 0;
      for (double l : logits) {
        sum += Math.exp(l - max);
      }
      logProbability -= Math.log(sum);         // log_softmax of the chosen token: (max − max) − log Σ
      context[length++] = best;
      if (best == options.stopToken()) {
        break;
      }
    }
    return new Generation(Arrays.copyOfRange(context, prompt.length, length), logProbability);
  }

  /** The model's logits for {@code context} as a float64 array, checked for length and NaN. */
  static double[] logits(LanguageModel lm, int[] context, int vocab, int step) {
    INDArray raw = lm.nextTokenLogits(context);
    if (raw.length() != vocab) {
      throw new KilnException("the language model returned " + raw.length() + " logits for a vocabulary of " + vocab
          + " (shape " + Arrays.toString(raw.shape()) + ")");
    }
    double[] logits = raw.castTo(DataType.DOUBLE).reshape(vocab).toDoubleVector();
    for (int v = 0; v < vocab; v++) {
      if (Double.isNaN(logits[v]) || logits[v] == Double.POSITIVE_INFINITY) {
        throw new KilnException("the language model returned logit " + logits[v] + " for token " + v + " at step "
            + (step + 1) + "; logits must be finite or -Infinity");
      }
    }
    return logits;
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
