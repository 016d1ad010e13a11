package dev.kiln.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.Score;
import dev.kiln.api.metric.TextPairs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ROUGE with rouge-score's semantics: the test vectors of DESIGN §4 and of rouge-score's own tests
 * ({@code rouge_score/rouge_scorer_test.py}), including its comparisons with the official ROUGE-1.5.5 Perl
 * script (5 decimals) with and without the Porter stemmer, and the stemmer against NLTK's PorterStemmer on
 * 10,000 words (tools/reference/rouge_porter_nltk.py, resource porter-nltk.tsv).
 */
class RougeTest {
  // rouge-score's testdata (google-research/rouge/testdata, Apache-2.0): target.txt and prediction.txt lines
  // 0 and 1, and pyrouge_files/target_multi.0.txt and prediction_multi.0.txt, scored by ROUGE-1.5.5
  static final String[] TARGETS = {
      "ZfbCUIUuePaiLVUlCaUXxkpu XPeWing tUHfPMuZ',-Xd Y BrUgVJing M-HV.-DgdDaY.rFDJCRing Ht-LM EKBDXkME,yz'RBr "
          + "q'wtion wIojNbN wL,b .a-'XdQggyFl jB-RPP'iyOIcUxer tKM L\n",
      "KsJdPByEtAor fE-Qg Dpdbring cw-WeFyu vC MoBL Xdn g wkvcEiGvKtion BDFhrpMtion psing sbKao Q m qiing LMmer "
          + "HqqLFXe,XPY,J XsurkMer ,ed nB'wH'bWVHjWFEing tQ.saefZwJtKrTlixYpMMsJing UCAPwNHeYVjDing c T "
          + "BUySKtion gMPfJpwGw p'NvxAoping eu pBwMBKV'I DNxqelhu,PHPxDEq,mtion SN\n"};
  static final String[] PREDICTIONS = {
      "rFDJCRtion Ht-LM EKtDXkME,yz'RBr q'wer wrojNbN wL,b .a-'XdQggyFl jB-RPP'iyOIcUxi\n",
      "n cw-WeFyu vC MoBL Xdn g wkvcEiGvKtion BDFhrpMer pstion sbKao Q m qier LMmed HqqLFXe,XPY,J XsurkMeo ,ed "
          + "nB'wH'bWVHjWFEer tQ.saefZwJtKrTlixYpMMNJtion UCAPwNHeYVjD\n"};
  static final String TARGET_MULTI = TARGETS[0] + TARGETS[1]
      + "NhETebUbBk'er WOvoHMTjSRizKgH'vHiing Xu,hWxfs VkNE QhgKiLHE -HidivzoM.dO anhtion jbLQiSGDTCsuhREebUaKM "
      + "dv J dVN tmbOT\nvMR HDm,xOAetion D,tion HJtodT.mHl UIv-p VjWH'BdyWjnfGU-OjT aEMdFICyLWfQMtion wEMfdOKing "
      + "AwkeKbO 'DxqNOHBH qKtVvm OYJl mM\n";
  static final String PREDICTION_MULTI = PREDICTIONS[0] + PREDICTIONS[1]
      + "xfs VkJE QhgKiLHE -HidivzoM.dO anhing jbLQiSGDTCsuhREebUaKM dv J\nVjWH'BdyWjnfGU-OjTNaEMdFICyLWfQMing "
      + "wEMfdOKijg AwkeKbO 'DxqNO\n";
  /** rouge-score's tests compare with ROUGE-1.5.5 to 5 decimal places. */
  static final double FIVE_PLACES = 0.5e-5;

  static Score rouge(String type, boolean stem, List<List<String>> targets, List<String> predictions) {
    return new Rouge(new Rouge.Options(type, stem)).score(new TextPairs(targets, predictions));
  }

  static Score rouge(String type, boolean stem, String target, String prediction) {
    return rouge(type, stem, List.of(List.of(target)), List.of(prediction));
  }

  static void assertPrf(double p, double r, double f, Score score, double tolerance) {
    assertEquals(p, (double) score.details().get("precision"), tolerance, "precision");
    assertEquals(r, (double) score.details().get("recall"), tolerance, "recall");
    assertEquals(f, (double) score.details().get("fmeasure"), tolerance, "fmeasure");
    assertEquals(f, score.value(), tolerance, "value");
  }
  @Test
  void anEmptyPredictionScoresZeroAsInRougeScore() {
    for (String type : List.of("rouge1", "rouge2", "rougeL", "rougeLsum")) {
      assertPrf(0, 0, 0, rouge(type, false, "the cat sat", ""), 0.0);
      assertPrf(0, 0, 0, rouge(type, false, "", "the cat sat"), 0.0);
    }
  }


  @Test
  void designVectors() {
    assertPrf(1, 1.0 / 3, 0.5, rouge("rouge1", false, "testing one two", "testing"), 1e-15);
    assertEquals(0.8, rouge("rougeL", false, "testing one two", "testing two").value(), 1e-15);
    assertPrf(0.4, 0.8, 0.4 * 0.8 * 2 / 1.2, rouge("rougeLsum", false, "w1 w2 w3 w4 w5",
        "w1 w2 w6 w7 w8\nw1 w3 w8 w9 w5"), 1e-15);
    assertEquals("0.5333", String.format(java.util.Locale.ROOT, "%.4f", rouge("rougeLsum", false,
        "w1 w2 w3 w4 w5", "w1 w2 w6 w7 w8\nw1 w3 w8 w9 w5").value()));
  }

  @Test
  void rougeScoreUnitTests() {
    assertPrf(1, 0.5, 2.0 / 3, rouge("rouge2", false, "testing one two", "testing one"), 1e-15);
    assertPrf(1, 2.0 / 3, 0.8, rouge("rougeL", false, "testing one two", "testing one"), 1e-15);
    for (String type : List.of("rouge1", "rouge2", "rougeL", "rougeLsum")) {
      assertPrf(0, 0, 0, rouge(type, false, "testing one two", "/"), 0);
    }
    assertPrf(0, 0, 0, rouge("rougeLsum", false, "w1 w2 w3 w4 w5", "/"), 0);
    assertEquals(1.0, rouge("rouge9", false, "a b c d e f g h i", "a b c d e f g h i").value());
    // score_multi keeps the reference with the best F: "first text" for rouge1 and rougeL
    List<List<String>> two = List.of(List.of("first text"), List.of("first something"));
    assertEquals(1.0, rouge("rouge1", false, two, List.of("text first")).value(), 1e-15);
    assertEquals(0.0, rouge("rouge2", false, two, List.of("text first")).value(), 1e-15);
    assertEquals(0.5, rouge("rougeL", false, two, List.of("text first")).value(), 1e-15);
    // rougeLsum splits sentences on newlines only
    assertEquals(1.0, rouge("rougeLsum", true, "First sentence.\nSecond Sentence.",
        "Second sentence.\nFirst Sentence.").value(), 1e-5);
    assertEquals(0.5, rouge("rougeLsum", true, "First sentence. Second Sentence.",
        "Second sentence. First Sentence.").value(), 1e-5);
  }

  @Test
  void agreesWithRouge155WithAndWithoutStemming() {
    double[][] rouge1 = {{0.68750, 0.40741, 0.51163}, {0.65385, 0.40476, 0.50000}};
    double[][] rouge1Stemmed = {{0.68750, 0.40741, 0.51163}, {0.69231, 0.42857, 0.52941}};
    double[][] rouge2 = {{0.53333, 0.30769, 0.39024}, {0.48000, 0.29268, 0.36364}};
    for (int i = 0; i < 2; i++) {
      double[][][] expected = {rouge1, rouge1Stemmed, rouge2, rouge2, rouge1};
      String[] types = {"rouge1", "rouge1", "rouge2", "rouge2", "rougeL"};
      boolean[] stem = {false, true, false, true, false};
      for (int c = 0; c < types.length; c++) {
        double[] prf = expected[c][i];
        assertPrf(prf[0], prf[1], prf[2], rouge(types[c], stem[c], TARGETS[i], PREDICTIONS[i]), FIVE_PLACES);
      }
    }
    assertPrf(0.66667, 0.36538, 0.47205, rouge("rougeLsum", true, TARGET_MULTI, PREDICTION_MULTI), FIVE_PLACES);
  }

  @Test
  void averagesOverPairsAndReportsSettings() {
    Score score = rouge("rouge1", false, List.of(List.of("testing one two", "a b")), List.of("testing", "a b"));
    assertPrf(1, (1.0 / 3 + 1) / 2, 0.75, score, 1e-15);
    assertEquals("rouge1", score.details().get("type"));
    assertEquals(false, score.details().get("useStemmer"));
  }

  @Test
  void porterStemmerMatchesNltkOnTenThousandWords() throws IOException {
    List<String> wrong = new ArrayList<>();
    int words = 0;
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        RougeTest.class.getResourceAsStream("/porter-nltk.tsv"), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.startsWith("#")) {
          continue;
        }
        String[] pair = line.split("\t");
        words++;
        String stem = PorterStemmer.stem(pair[0]);
        if (!stem.equals(pair[1])) {
          wrong.add(pair[0] + " -> " + stem + " (NLTK " + pair[1] + ")");
        }
      }
    }
    assertTrue(words > 10_000, "words: " + words);
    assertEquals(List.of(), wrong.subList(0, Math.min(20, wrong.size())), wrong.size() + " of " + words + " differ");
    assertEquals(Map.of("running", "run", "generously", "gener"), Map.of("running", PorterStemmer.stem("running"),
        "generously", PorterStemmer.stem("generously")));
  }
}
