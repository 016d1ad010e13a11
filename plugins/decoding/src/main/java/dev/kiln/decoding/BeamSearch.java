package dev.kiln.decoding;

import dev.kiln.api.Decoder;
import dev.kiln.api.DecoderProvider;
import dev.kiln.api.Decoding;
import dev.kiln.api.Generation;
import dev.kiln.api.LanguageModel;
import dev.kiln.api.Params;
import dev.kiln.api.Schema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Beam search: keeps the {@code B} most probable partial generations, extends each by every token, and keeps
 * the {@code B} best of the extensions, for up to {@link Decoding#maxTokens()} steps. A generation that
 * produces {@link Decoding#stopToken()} among the {@code B} best extensions of a step is finished and scored
 * <pre>  score = log P(x₁..x_L) / L^α        (α = lengthPenalty; L counts the generated tokens)</pre>
 * and the {@code B} best finished ones are kept; the live generations left at the last step are scored the
 * same way. The search ends when {@code B} are finished and the best extension of the step, scored at the
 * current length, cannot beat the worst of them (Hugging Face's {@code early_stopping=False}), or, with
 * {@code earlyStopping}, as soon as {@code B} are finished. The best-scored generation is returned with its
 * log-probability. Ties keep the generation found first (lower beam, then lower token id). Deterministic.
 *
 * <p>Reference: Graves, "Sequence Transduction with Recurrent Neural Networks", 2012; Wu et al., "Google's
 * Neural Machine Translation System", 2016 (length normalisation); Hugging Face transformers
 * {@code BeamSearchScorer} and {@code BeamHypotheses} (4.x).
 */
public final class BeamSearch implements Decoder {
  private final BeamOptions options;

  public BeamSearch(BeamOptions options) {
    this.options = options;
  }

  public BeamOptions options() {
    return options;
  }

  /** A partial or finished generation: its tokens after the prompt and their log-probability. */
  private record Hypothesis(int[] tokens, double logProbability) {
    /** This generation followed by {@code token}, of total log-probability {@code logP}. */
    Hypothesis extend(int token, double logP) {
      int[] longer = Arrays.copyOf(tokens, tokens.length + 1);
      longer[tokens.length] = token;
      return new Hypothesis(longer, logP);
    }
  }

  /** One extension: the beam it extends, the token, and the log-probability of the whole generation. */
  private record Extension(int beam, int token, double logProbability) {}

  /** The better of two extensions first: higher log-probability, then the earlier beam, then the lower token. */
  private static final Comparator<Extension> BETTER = Comparator.comparingDouble((Extension e) -> -e.logProbability())
      .thenComparingInt(Extension::beam).thenComparingInt(Extension::token);

  @Override
  public Generation decode(LanguageModel lm, int[] prompt, Decoding decoding) {
    int vocab = lm.vocabSize();
    Steps.check("beam", prompt, vocab, decoding);
    int beams = options.beams();
    List<Hypothesis> live = List.of(new Hypothesis(new int[0], 0));
    List<Hypothesis> finished = new ArrayList<>();
    for (int step = 0; step < decoding.maxTokens() && !live.isEmpty(); step++) {
      List<Hypothesis> candidates = extensions(lm, prompt, live, vocab, step, 2 * beams);
      List<Hypothesis> next = new ArrayList<>();
      for (int rank = 0; rank < candidates.size() && next.size() < beams; rank++) {
        Hypothesis c = candidates.get(rank);
        if (c.tokens()[c.tokens().length - 1] == decoding.stopToken()) {
          if (rank < beams) {
            keep(finished, c);
          }
        } else {
          next.add(c);
        }
      }
      live = next;
      // done when B are finished and, unless stopping early, the best extension of this step (finished or not)
      // scored at the current length cannot beat the worst of them (Hugging Face's BeamHypotheses.is_done)
      double best = candidates.isEmpty() ? Double.NEGATIVE_INFINITY
          : candidates.get(0).logProbability() / Math.pow(step + 1, options.lengthPenalty());
      if (finished.size() == beams && (options.earlyStopping() || live.isEmpty()
          || best <= score(finished.get(finished.size() - 1)))) {
        live = List.of();
      }
    }
    live.forEach(h -> keep(finished, h));
    Hypothesis best = finished.get(0);
    return new Generation(best.tokens(), best.logProbability());
  }

  /**
   * The {@code count} best extensions of the {@code live} generations by one token, best first (a bounded heap:
   * only extensions better than the worst kept one become objects, so a step allocates O(count), not O(B·V)).
   * As many as Hugging Face takes: 2B always hold B that do not end with the stop token, one per beam at most.
   */
  private static List<Hypothesis> extensions(LanguageModel lm, int[] prompt, List<Hypothesis> live, int vocab,
      int step, int count) {
    PriorityQueue<Extension> kept = new PriorityQueue<>(count + 1, BETTER.reversed());   // the worst on top
    for (int b = 0; b < live.size(); b++) {
      Hypothesis h = live.get(b);
      int[] context = Arrays.copyOf(prompt, prompt.length + h.tokens().length);
      System.arraycopy(h.tokens(), 0, context, prompt.length, h.tokens().length);
      double[] logP = Steps.logSoftmax("beam", Steps.logits(lm, context, vocab, step), step);
      for (int v = 0; v < vocab; v++) {
        double total = h.logProbability() + logP[v];
        // in beam and token order, a later extension of equal log-probability ranks below the kept one
        if (logP[v] > Double.NEGATIVE_INFINITY && (kept.size() < count || total > kept.peek().logProbability())) {
          kept.add(new Extension(b, v, total));
          if (kept.size() > count) {
            kept.poll();
          }
        }
      }
    }
    return kept.stream().sorted(BETTER).map(e -> live.get(e.beam()).extend(e.token(), e.logProbability())).toList();
  }

  /** {@code log P / L^α}. */
  private double score(Hypothesis h) {
    return h.logProbability() / Math.pow(h.tokens().length, options.lengthPenalty());
  }

  /** Adds {@code h} to {@code finished} (best first), keeping the {@code B} best scores. */
  private void keep(List<Hypothesis> finished, Hypothesis h) {
    int at = 0;
    while (at < finished.size() && score(finished.get(at)) >= score(h)) {
      at++;
    }
    if (at < options.beams()) {
      finished.add(at, h);
      if (finished.size() > options.beams()) {
        finished.remove(options.beams());
      }
    }
  }

  /** The {@code beam} plugin. */
  public static final class Plugin implements DecoderProvider {
    @Override
    public String name() {
      return "beam";
    }

    @Override
    public String summary() {
      return "beam search: the most probable generation among the best partial ones, with a length penalty";
    }

    @Override
    public String description() {
      return """
          Keeps the `beams` most probable partial generations; each step extends every one by every token and
          keeps the best `beams` extensions. One that ends with stopToken among them is finished, scored
          log P / L^lengthPenalty (L generated tokens); so are the live ones left after maxTokens. Ends when
          `beams` are finished and no extension can beat the worst (earlyStopping: as soon as `beams` are
          finished). Returns the best-scored generation and its log-probability. beams = 1 is greedy decoding.
          Reference: Wu et al., Google's Neural Machine Translation System, 2016 (length normalisation);
          Hugging Face transformers BeamSearchScorer / BeamHypotheses.
          """;
    }

    @Override
    public Schema schema() {
      return BeamOptions.SCHEMA;
    }

    @Override
    public Decoder create(Params params) {
      return new BeamSearch(BeamOptions.from(params));
    }
  }
}
