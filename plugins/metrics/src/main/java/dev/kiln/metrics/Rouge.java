package dev.kiln.metrics;

import dev.kiln.api.Metric;
import dev.kiln.api.MetricProvider;
import dev.kiln.api.Option;
import dev.kiln.api.Params;
import dev.kiln.api.Schema;
import dev.kiln.api.Score;
import dev.kiln.api.metric.TextPairs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ROUGE with rouge-score's semantics: {@code rouge1} … {@code rouge9} (n-gram overlap), {@code rougeL} (longest
 * common subsequence of the whole texts) and {@code rougeLsum} (summary-level LCS over newline-separated
 * sentences), each as precision, recall and F-measure ({@link RougeScores}), on rouge-score's tokens
 * ({@link RougeTokenizer}, optionally Porter-stemmed). A prediction with several references (one per stream)
 * keeps the reference with the highest F-measure, the first on ties ({@code score_multi}). Over several pairs
 * the precision, recall and F-measure are averaged; the value is the mean F-measure. Details:
 * {@code precision}, {@code recall}, {@code fmeasure}, {@code fmeasures} (per pair), {@code type},
 * {@code useStemmer}.
 *
 * <p>Reference: Lin, "ROUGE: A Package for Automatic Evaluation of Summaries", ACL Workshop on Text
 * Summarization Branches Out, 2004; rouge-score 0.1.2 {@code rouge_score/rouge_scorer.py} (Google Research).
 */
public final class Rouge implements Metric<TextPairs> {
  static final Option<String> TYPE = Option.choice("type", "rougeL",
      "rouge1 ... rouge9: n-gram overlap; rougeL: longest common subsequence; rougeLsum: summary-level LCS over "
          + "newline-separated sentences", "rouge1", "rouge2", "rouge3", "rouge4", "rouge5", "rouge6", "rouge7",
      "rouge8", "rouge9", "rougeL", "rougeLsum");
  static final Option<Boolean> USE_STEMMER = Option.flag("useStemmer", false,
      "Porter-stem tokens longer than three characters (NLTK's stemmer, as rouge-score)");
  static final Schema SCHEMA = Schema.of(TYPE, USE_STEMMER);

  /**
   * The options of {@code rouge}.
   *
   * @param type rouge1 to rouge9, rougeL or rougeLsum
   * @param useStemmer whether to Porter-stem tokens longer than three characters
   */
  public record Options(String type, boolean useStemmer) {
    public Options {
      TYPE.check(type);
      USE_STEMMER.check(useStemmer);
    }
  }

  private final Options options;

  public Rouge(Options options) {
    this.options = options;
  }

  @Override
  public Score score(TextPairs input) {
    RougeTokenizer tokenizer = new RougeTokenizer(options.useStemmer());
    NGrams vocabulary = new NGrams();
    double[] fmeasures = new double[input.size()];
    double precision = 0;
    double recall = 0;
    for (int i = 0; i < fmeasures.length; i++) {
      List<int[]> prediction = tokens(tokenizer, vocabulary, input.hypotheses().get(i));
      RougeScores.Prf best = null;
      for (String target : input.referencesOf(i)) {
        RougeScores.Prf prf = score(tokens(tokenizer, vocabulary, target), prediction);
        best = best == null || prf.fmeasure() > best.fmeasure() ? prf : best;
      }
      fmeasures[i] = best.fmeasure();
      precision += best.precision();
      recall += best.recall();
    }
    double fmeasure = 0;
    for (double f : fmeasures) {
      fmeasure += f;
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("precision", precision / fmeasures.length);
    details.put("recall", recall / fmeasures.length);
    details.put("fmeasure", fmeasure / fmeasures.length);
    details.put("fmeasures", fmeasures);
    details.put("type", options.type());
    details.put("useStemmer", options.useStemmer());
    return new Score(fmeasure / fmeasures.length, details);
  }

  /** Token ids of the whole text as one sentence, or, for rougeLsum, of each non-empty line. */
  private List<int[]> tokens(RougeTokenizer tokenizer, NGrams vocabulary, String text) {
    if (!options.type().equals("rougeLsum")) {
      return List.of(vocabulary.ids(tokenizer.tokenize(text)));
    }
    List<int[]> sentences = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      if (!line.isEmpty()) {
        sentences.add(vocabulary.ids(tokenizer.tokenize(line)));
      }
    }
    return sentences;
  }

  private RougeScores.Prf score(List<int[]> target, List<int[]> prediction) {
    return switch (options.type()) {
      case "rougeLsum" -> RougeScores.summaryLcs(target, prediction);
      case "rougeL" -> RougeScores.lcs(target.get(0), prediction.get(0));
      default -> RougeScores.ngrams(target.get(0), prediction.get(0), options.type().charAt(5) - '0');
    };
  }

  /** The {@code rouge} plugin. */
  public static final class Plugin implements MetricProvider {
    @Override
    public String name() {
      return "rouge";
    }

    @Override
    public String summary() {
      return "ROUGE-N, ROUGE-L and ROUGE-Lsum F-measure (rouge-score semantics, optional Porter stemmer)";
    }

    @Override
    public String description() {
      return """
          ROUGE-N: P = |overlapping n-grams| / |prediction n-grams|, R = ... / |target n-grams| (multisets).
          ROUGE-L: P = LCS / |prediction|, R = LCS / |target| over the tokens of the whole texts.
          ROUGE-Lsum: hits / |prediction| and hits / |target|, hits = size of the union LCS of each target
          sentence with every prediction sentence (sentences are lines), tokens not counted twice.
          F = 2PR / (P + R); the value is the mean F over (target, prediction) pairs. Tokens: lowercase
          [a-z0-9]+ runs, Porter-stemmed (NLTK) when longer than 3 characters if useStemmer. Several
          reference streams: the reference with the best F counts. Input: (targets, predictions) as strings.
          Reference: Lin, ROUGE, ACL Workshop on Text Summarization Branches Out, 2004; rouge-score 0.1.2.
          """;
    }

    @Override
    public Schema schema() {
      return SCHEMA;
    }

    @Override
    public Metric<?> create(Params params) {
      return new Rouge(new Options(params.get(TYPE), params.get(USE_STEMMER)));
    }

    @Override
    public Class<?> inputType() {
      return TextPairs.class;
    }

    @Override
    public Object input(Object targets, Object predictions) {
      return TextPairs.from(targets, predictions);
    }
  }
}
