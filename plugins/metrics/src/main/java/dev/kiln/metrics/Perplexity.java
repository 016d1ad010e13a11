package dev.kiln.metrics;

import dev.kiln.api.KilnException;
import dev.kiln.api.LanguageModel;
import dev.kiln.api.Metric;
import dev.kiln.api.MetricProvider;
import dev.kiln.api.Params;
import dev.kiln.api.Schema;
import dev.kiln.api.Score;
import dev.kiln.api.data.NestedArrays;
import dev.kiln.api.metric.TokenLogits;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Perplexity {@code PPL = exp( (1/N) Σᵢ −log p(yᵢ) )}, the exponential of the mean negative log-likelihood
 * of the targets. From logits {@code z} (rows of {@link TokenLogits}),
 * {@code −log p(yᵢ) = logsumexp(zᵢ) − zᵢ[yᵢ]} with the row maximum subtracted before {@code exp}; the same mean
 * PyTorch's {@code cross_entropy} gives. Vectorised over all rows: max, exp, row sums, log and one gather.
 * {@link #ofLogProbabilities} takes per-token log-probabilities instead, and {@link #ofText} runs a
 * {@link LanguageModel} over a token sequence. Details: {@code nll} (mean, in nats), {@code tokens}.
 *
 * <p>Reference: Jelinek, Mercer, Bahl, Baker, "Perplexity — a measure of the difficulty of speech
 * recognition tasks", JASA 62(S1), 1977; PyTorch 1.13 {@code torch.nn.functional.cross_entropy}.
 */
public final class Perplexity implements Metric<TokenLogits> {
  @Override
  public Score score(TokenLogits input) {
    INDArray logits = input.logits();
    INDArray max = logits.max(1).reshape(logits.size(0), 1);
    INDArray logSumExp = Transforms.log(Transforms.exp(logits.subColumnVector(max), false).sum(1), false)
        .addi(max.reshape(logits.size(0)));
    int[] targets = Arrays.stream(input.targets().toDoubleVector()).mapToInt(t -> (int) t).toArray();
    INDArray nll = logSumExp.subi(Inputs.pick(logits, targets));
    return of(nll.meanNumber().doubleValue(), targets.length);
  }

  /** Perplexity from per-token log-probabilities {@code log p(yᵢ)} (natural log, each {@code <= 0}). */
  public static Score ofLogProbabilities(INDArray logProbabilities) {
    Inputs.requireFinite("perplexity", "log-probability", logProbabilities);
    if (logProbabilities.length() == 0 || logProbabilities.maxNumber().doubleValue() > 0) {
      throw new KilnException("perplexity needs at least one log-probability, each <= 0 (natural log), got shape "
          + Arrays.toString(logProbabilities.shape()) + (logProbabilities.length() == 0 ? ""
          : " with maximum " + logProbabilities.maxNumber()));
    }
    return of(-logProbabilities.castTo(DataType.DOUBLE).meanNumber().doubleValue(), logProbabilities.length());
  }

  /**
   * Perplexity of {@code model} on {@code tokens}: each token after the first is scored from the logits the
   * model gives for the tokens before it.
   */
  public static Score ofText(LanguageModel model, int[] tokens) {
    return new Perplexity().score(logitsOfText(model, tokens));
  }

  /** The targets (every token after the first) and the logits {@code model} gives for each of them. */
  static TokenLogits logitsOfText(LanguageModel model, int[] tokens) {
    if (tokens.length < 2) {
      throw new KilnException("perplexity of a text needs at least 2 tokens (the first is only context), got "
          + tokens.length);
    }
    INDArray logits = Nd4j.create(DataType.DOUBLE, tokens.length - 1, model.vocabSize());
    double[] targets = new double[tokens.length - 1];
    for (int t = 1; t < tokens.length; t++) {
      logits.putRow(t - 1, model.nextTokenLogits(Arrays.copyOf(tokens, t)).castTo(DataType.DOUBLE));
      targets[t - 1] = tokens[t];
    }
    return new TokenLogits(Nd4j.createFromArray(targets), logits);
  }

  private static Score of(double nll, long tokens) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("nll", nll);
    details.put("tokens", tokens);
    return new Score(Math.exp(nll), details);
  }

  /** The {@code perplexity} plugin. */
  public static final class Plugin implements MetricProvider {
    @Override
    public String name() {
      return "perplexity";
    }

    @Override
    public String summary() {
      return "perplexity exp(mean negative log-likelihood) of target tokens under a model's logits";
    }

    @Override
    public String description() {
      return """
          PPL = exp((1/N) * sum_i -log p(y_i)), with -log p(y_i) = logsumexp(z_i) - z_i[y_i] for the logits
          z_i of token i (computed stably, as PyTorch's cross_entropy). Input: (targets, logits), targets [n]
          with logits [n, V], or targets [batch, time] with logits [batch, time, V]; or (tokens, a language
          model) to score the model on a text. Details: nll (mean, nats), tokens. From Java, Perplexity.ofLogProbabilities and Perplexity.ofText(languageModel, tokens).
          Reference: Jelinek et al., JASA 1977; PyTorch 1.13 torch.nn.functional.cross_entropy.
          """;
    }

    @Override
    public Schema schema() {
      return Schema.empty();
    }

    @Override
    public Metric<?> create(Params params) {
      return new Perplexity();
    }

    @Override
    public Class<?> inputType() {
      return TokenLogits.class;
    }

    /** (targets, logits) as plain values, or (tokens, a language model) to score the model on a text. */
    @Override
    public Object input(Object targets, Object logits) {
      if (logits instanceof LanguageModel model) {
        return logitsOfText(model, NestedArrays.toTensor(targets, "tokens").toIntVector());
      }
      return TokenLogits.from(targets, logits);
    }
  }
}
