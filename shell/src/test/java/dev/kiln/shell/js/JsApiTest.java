package dev.kiln.shell.js;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.KilnException;
import dev.kiln.api.MetricProvider;
import dev.kiln.api.PluginLoader;
import dev.kiln.api.Registry;
import dev.kiln.testkit.PluginJars;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code kiln} global as scripts use it (DESIGN.md §3): native JS results, clear one-line errors. */
class JsApiTest {
  private static final ByteArrayOutputStream OUT = new ByteArrayOutputStream();
  private static JsSession session;

  @BeforeAll
  static void open() {
    session = Sessions.open(OUT);
  }

  @AfterAll
  static void close() {
    session.close();
  }

  private static Value eval(String code) {
    return session.eval(code, "<test>");
  }

  private static String error(String code) {
    PolyglotException e = assertThrows(PolyglotException.class, () -> eval(code));
    String message = JsSession.describe(e);
    assertEquals(1, message.lines().count(), message);
    return message;
  }

  @Test
  void tensorsCrossAsShapeAndNestedArrays() {
    eval("var t = kiln.tensor([[1, 2], [3, 4.5]])");
    assertEquals("[2,2]", eval("JSON.stringify(t.shape)").asString());
    assertEquals("[[1,2],[3,4.5]]", eval("JSON.stringify(t.toArray())").asString());
    assertEquals("float64", eval("t.dtype").asString());
    assertEquals("tensor [2, 2] float64 [[1, 2], [3, 4.5]]", JsPrinter.show(eval("t")));
    assertEquals("tensor [2, 2] float64 [[1, 2], [3, 4.5]]", JsPrinter.show(eval("kiln.tensor(t)")));
    assertEquals("TypeError: kiln.tensor(values) takes one argument (nested arrays of numbers, or a tensor), got 2",
        error("kiln.tensor([1, 2], {dtype: 'float32'})"));
    assertTrue(error("kiln.tensor([[1, 2], [3]])").contains("tensor[1] should be an array of 2 elements"));
    assertTrue(error("kiln.tensor([1, 'x'])").contains("tensor[1] is 'x', not a number"));
  }

  @Test
  void argsAreAFrozenArray() {
    assertEquals("a,b", eval("kiln.args.join(',')").asString());
  }

  @Test
  void linearRegressionClosedFormAndSgdFromJavaScript() {
    eval("""
        var xs = [], ys = [];
        for (let i = 0; i < 50; i++) { xs.push([i / 10]); ys.push(3 * i / 10 - 2); }
        var data = kiln.data.fromArrays(xs, ys);
        var exact = kiln.model('linear-regression');
        exact.fit(data);
        var sgd = kiln.model('linear-regression');
        var fit = sgd.fit(data, {optimizer: kiln.optimizer('sgd', {lr: 0.02, momentum: 0.9}), epochs: 60,
                                 batchSize: 10, seed: 3});
        """);
    assertEquals(1.0, eval("exact.predict([[1]]).toArray()[0]").asDouble(), 1e-9);
    assertEquals(60, eval("fit.losses.length").asInt());
    assertTrue(eval("fit.accuracies === undefined").asBoolean(), "a regressor reports no training accuracy");
    assertTrue(eval("fit.finalLoss < 1e-3").asBoolean(), eval("fit.finalLoss").toString());
    double mse = eval("kiln.metric('mse').score(data.y, sgd.predict(data.x))").asDouble();
    assertTrue(mse < 1e-3, "mse " + mse);
    assertTrue(eval("typeof kiln.metric('mse').score(data.y, exact.predict(data.x)) === 'number'").asBoolean());
  }

  @Test
  void detailsAreAPlainObject() {
    String json = eval("JSON.stringify(kiln.metric('accuracy').details([0, 1, 1, 2], [0, 1, 2, 2]))").asString();
    assertTrue(json.startsWith("{\"value\":0.75"), json);
  }

  @Test
  void splitDestructuresIntoTwoDatasets() {
    eval("var [train, test] = kiln.data.fromArrays([[1],[2],[3],[4],[5]], [0,1,0,1,0]).split(0.6, {seed: 7})");
    assertEquals(3, eval("train.size").asInt());
    assertEquals(2, eval("test.size").asInt());
    assertTrue(error("kiln.data.fromArrays([[1],[2]], [0,1]).split(0.5, {sed: 1})").contains("unknown split option"));
    String notData = error("const parts = kiln.data.load('iris').split(0.8); kiln.model('knn').fit(parts.train)");
    assertTrue(notData.contains("fit takes a data set") && notData.contains("returns [train, test]")
        && notData.contains("got undefined"), notData);
    assertTrue(error("kiln.crossValidate('knn', {}, [1, 2])").contains("crossValidate takes a data set"));
  }

  @Test
  void wrongArgumentTypesNameTheCallAndTheArgument() {
    eval("var iris = kiln.data.load('iris'); var lr = kiln.model('linear-regression')");
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("kiln.data.csv(42)", "kiln.data.csv(path, options): path must be a string, got number 42");
    expected.put("kiln.data.csv()", "kiln.data.csv(path, options): path must be a string, got undefined");
    expected.put("kiln.data.load()", "kiln.data.load(name): name must be a string, got undefined");
    expected.put("kiln.optimizer(3)", "kiln.optimizer(name, options): name must be a string, got number 3");
    expected.put("kiln.optimizer()", "kiln.optimizer(name, options): name must be a string, got undefined");
    expected.put("kiln.model(null)", "kiln.model(name, options): name must be a string, got null");
    expected.put("lr.save(5)", "model.save(path): path must be a string, got number 5");
    expected.put("lr.save()", "model.save(path): path must be a string, got undefined");
    expected.put("kiln.load(5)", "kiln.load(path): path must be a string, got number 5");
    expected.put("kiln.help(5)", "kiln.help(name): name must be a string, got number 5");
    expected.put("iris.split('a')", "data.split(fraction, options): fraction must be a number, got string 'a'");
    expected.put("iris.split(0.5, {seed: 1.5})", "data.split(fraction, options): options.seed must be an integer, "
        + "got number 1.5");
    expected.put("iris.shuffle([1])", "data.shuffle(seed): seed must be an integer, got an array");
    expected.put("lr.fit(iris, 5)", "model.fit(data, options): options must be an object, got number 5");
    expected.put("kiln.crossValidate(kiln.model('knn'), {}, iris)", "kiln.crossValidate(model, options, data, "
        + "settings): model must be a string, got an object");
    expected.put("kiln.text.vocabulary()", "kiln.text.vocabulary(text): text must be a string, got undefined");
    expected.put("kiln.npy.load()", "kiln.npy.load(path): path must be a string, got undefined");
    expected.put("kiln.plot.history()", "kiln.plot.history(fit, file, options): fit must be an object, got "
        + "undefined");
    expected.put("kiln.data.fashionMnist({part: 3})", "kiln.data.fashionMnist(options): options.part must be a "
        + "string, got number 3");
    expected.forEach((code, message) -> assertEquals("TypeError: " + message, error(code), code));
    assertTrue(eval("kiln.help().text.startsWith('kiln.model(name, options)')").asBoolean(), "help() stays general");
    assertEquals(2, eval("iris.split(0.5, {seed: 2, stratify: true}).length").asInt());
  }

  /** A metric plugin jar, version {@code version}: its metrics score 10 × version + its input's version. */
  private static Path versionedMetricJar(Path jar, int version) {
    String source = """
        package org.example;
        import dev.kiln.api.*;
        public final class Versioned implements MetricProvider {
          public String name() { return "versioned"; }
          public String summary() { return "10 x its version + the version of its input"; }
          public String description() { return "A test plugin. Source: none."; }
          public Schema schema() { return Schema.empty(); }
          public Class<?> inputType() { return Integer.class; }
          public Object input(Object truth, Object predicted) { return %d; }
          public Metric<?> create(Params p) { return (Metric<Integer>) input -> Score.of(10 * %d + input); }
        }
        """.formatted(version, version);
    return PluginJars.writeJar(jar, String.valueOf(version), PluginJars.compile(Map.of("org.example.Versioned",
        source), null), Map.of(MetricProvider.class.getName(), List.of("org.example.Versioned")));
  }

  @Test
  void aMetricKeepsItsOwnPluginWhenAReloadReplacesOrRemovesIt(@TempDir Path plugins) throws IOException {
    Path first = versionedMetricJar(plugins.resolve("versioned-1.jar"), 1);
    Registry registry = new Registry(new PluginLoader(JsApiTest.class.getClassLoader(), List.of(plugins)));
    try (JsSession own = new JsSession(Sessions.ENGINE, registry, "test", List.of(), OUT, OUT, null)) {
      own.eval("var before = kiln.metric('versioned')", "<test>");
      assertEquals(11, own.eval("before.score([1], [1])", "<test>").asInt());
      Files.delete(first);
      Path second = versionedMetricJar(plugins.resolve("versioned-2.jar"), 2);
      registry.reload();
      assertEquals(22, own.eval("kiln.metric('versioned').score([1], [1])", "<test>").asInt());
      assertEquals(11, own.eval("before.score([1], [1])", "<test>").asInt(), "not 12: the new plugin's input");
      Files.delete(second);
      registry.reload();
      assertEquals(11, own.eval("before.details([1], [1]).value", "<test>").asInt(), "its plugin is gone");
      assertEquals("metric versioned {}", JsPrinter.show(own.eval("before", "<test>")));
    }
  }

  @Test
  void bigramAndGreedyDecodeText() {
    eval("""
        var text = 'abcabcabcabc';
        var vocab = kiln.text.vocabulary(text);
        var lm = kiln.model('bigram');
        lm.fit(kiln.data.nextToken(vocab.encode(text)));
        var out = kiln.decoder('greedy').decode(lm, vocab.encode('a'), {maxTokens: 5});
        """);
    assertEquals("bcabc", eval("vocab.decode(out.tokens)").asString());
    assertTrue(eval("out.logProbability < 0").asBoolean());
    assertEquals("decode needs a language model such as kiln.model('bigram'), got model 'knn', which is not one",
        error("kiln.decoder('greedy').decode(kiln.model('knn'), [0])"));
  }

  @Test
  void badOptionsNameTheFix() {
    assertTrue(error("kiln.optimizer('sgd', {lrr: 0.1})").contains("did you mean 'lr'"));
    assertTrue(error("kiln.optimizer('sgd', {lr: -1})").contains("out of range"));
    assertTrue(error("kiln.optimizer('sgd', {lr: 'fast'})").contains("expects a number"));
    assertTrue(error("kiln.model('linear-regresion')").contains("did you mean 'linear-regression'"));
    assertTrue(error("kiln.model('sgd')").contains("'sgd' is an optimizer"));
    assertTrue(error("kiln.model('mlp').fit(kiln.data.load('iris'), {optimiser: 1})").endsWith("(did you mean "
        + "'optimizer'?); valid options: epochs, batchSize, shuffle, seed, progress, patience, validationMetric, "
        + "optimizer, validation"));
  }

  @Test
  void shapeMismatchNamesBothShapes() {
    eval("var m = kiln.model('linear-regression'); m.fit(kiln.data.fromArrays([[1, 2], [2, 1], [3, 5]], [1, 2, 3]))");
    String message = error("m.predict([[1, 2, 3]])");
    assertTrue(message.contains("[1, 3]") && message.contains("2"), message);
  }

  @Test
  void nanLossStopsWithEpochAndBatch() {
    String message = error("""
        kiln.model('linear-regression').fit(kiln.data.fromArrays([[1e3], [2e3], [3e3]], [1, 2, 3]),
            {optimizer: kiln.optimizer('sgd', {lr: 10}), epochs: 50, batchSize: 1})
        """);
    assertTrue(message.contains("epoch") && message.contains("batch") && message.contains("learning rate"), message);
  }

  @Test
  void npyFilesRoundTrip(@TempDir Path dir) {
    String npy = dir.resolve("t.npy").toString().replace("\\", "/");
    String npz = dir.resolve("w.npz").toString().replace("\\", "/");
    eval("kiln.npy.save('" + npy + "', [[1.5, 2], [3, 4]]); kiln.npy.save('" + npz + "', {w: kiln.tensor([1, 2]), b: [3]})");
    assertEquals("[[1.5,2],[3,4]]", eval("JSON.stringify(kiln.npy.load('" + npy + "').toArray())").asString());
    assertEquals("{\"w\":[1,2],\"b\":[3]}", eval("var all = kiln.npy.load('" + npz + "');"
        + "JSON.stringify(Object.fromEntries(Object.entries(all).map(([k, t]) => [k, t.toArray()])))").asString());
    assertTrue(error("kiln.npy.save('" + dir.resolve("x.txt") + "', [1])").contains("needs a .npy file"));
  }

  @Test
  void modelsSaveAndLoadWithTheirProvenance(@TempDir Path dir) {
    String file = dir.resolve("lm.kiln").toString().replace("\\", "/");
    eval("""
        var text = 'abracadabra'; var v = kiln.text.vocabulary(text); var pairs = kiln.data.nextToken(v.encode(text));
        var lm = kiln.model('bigram', {smoothing: 0.5});
        lm.fit(pairs, {optimizer: kiln.optimizer('sgd', {lr: 1}), epochs: 3, batchSize: 4, seed: 9});
        lm.recordMetric('accuracy', kiln.metric('accuracy').score(pairs.y, lm.predict(pairs.x)));
        lm.save('%s');
        var back = kiln.load('%s');
        """.formatted(file, file));
    assertEquals("model bigram {vocabSize=0, smoothing=0.5}", JsPrinter.show(eval("back")));
    assertTrue(eval("JSON.stringify(back.predictProba(pairs.x).toArray()) === "
        + "JSON.stringify(lm.predictProba(pairs.x).toArray())").asBoolean());
    assertEquals("sgd", eval("back.provenance().training.solver").asString());
    assertEquals(9, eval("back.provenance().training.seed").asInt());
    assertEquals(64, eval("back.provenance().dataSha256.length").asInt());
    assertTrue(eval("back.provenance().metrics.accuracy > 0").asBoolean());
    assertTrue(error("kiln.load('" + dir.resolve("none.kiln") + "')").contains("no such file"));
    assertTrue(error("kiln.model('bigram').save('" + file + "')").contains("not fitted"));
  }

  @Test
  void optimizersResumeFromTheirSavedState(@TempDir Path dir) {
    String file = dir.resolve("adam.kiln").toString().replace("\\", "/");
    eval("""
        var data = kiln.data.fromArrays([[1], [2], [3], [4]], [3, 5, 7, 9]);
        var settings = {epochs: 2, batchSize: 2, shuffle: false};
        var straight = kiln.model('linear-regression'), adam = kiln.optimizer('adam', {lr: 0.1});
        straight.fit(data, {...settings, optimizer: adam});
        adam.save('%s');
        var resumed = kiln.load('%s');
        """.formatted(file, file));
    assertEquals("adam", eval("resumed.name").asString());
    assertEquals(eval("JSON.stringify(adam.state().scalars)").asString(),
        eval("JSON.stringify(resumed.state().scalars)").asString());
    assertEquals(4, eval("Object.keys(resumed.state().tensors).length").asInt(), "exp_avg and exp_avg_sq of 2");
    assertEquals("optimizer.restore(state) takes what optimizer.state() gives, {optimizer: name, scalars: "
        + "{name: number}, tensors: {name: tensor}}; got {foo}", error("resumed.restore({foo: 1})"));
    assertEquals("optimizer.restore(state): scalar 'step' must be a number, got x",
        error("resumed.restore({...resumed.state(), scalars: {step: 'x'}})"));
  }

  @Test
  void aThrownObjectThatIsNotAnErrorShowsItsValue() {
    KilnException thrown = assertThrows(KilnException.class, () -> session.eval("\nthrow {code: 2}", "thrown.js"));
    assertEquals("uncaught {code: 2} (thrown.js:2)", JsSession.describe(thrown));
    assertTrue(thrown.getCause() instanceof PolyglotException, "the script's error stays the cause, for :trace");
    KilnException array = assertThrows(KilnException.class, () -> eval("throw [1, 'a']"));
    assertEquals("uncaught [1, 'a']", JsSession.describe(array));
    assertEquals("RangeError: r", error("throw new RangeError('r')"));
    assertEquals("oops", error("throw 'oops'"));
  }

  @Test
  void crossValidationAndGridSearchFromJavaScript() {
    // scikit-learn 1.2: cross_val_score(KNeighborsClassifier(5), *load_iris(return_X_y=True), cv=StratifiedKFold(5))
    //   -> mean 0.9733333333333334, std 0.024944382578492935
    eval("var iris = kiln.data.load('iris'); var cv = kiln.crossValidate('knn', {k: 5}, iris, {folds: 5})");
    assertEquals(0.9733333333333334, eval("cv.mean").asDouble(), 1e-12);
    assertEquals(0.024944382578492935, eval("cv.std").asDouble(), 1e-12);
    eval("var gs = kiln.gridSearch('knn', {k: [1, 5]}, iris, {folds: 5})");
    assertEquals(2, eval("gs.candidates.length").asInt());
    assertEquals(eval("Math.max(...gs.candidates.map(c => c.mean))").asDouble(), eval("gs.bestScore").asDouble());
    assertTrue(error("kiln.crossValidate('knn', {k: 5}, iris, {fold: 5})").contains("did you mean 'folds'"));
    assertTrue(error("kiln.crossValidate('knn', {k: 5}, iris, {fold: 5})").endsWith("stratified, maximize, "
        + "metricOptions, optimizer, fixed"));
    assertEquals("setting 'stratified' must be true or false, got 'yes'",
        error("kiln.crossValidate('knn', {k: 5}, iris, {stratified: 'yes'})"));
    assertEquals("option 'k' is both fixed and in the grid; keep it in one of them",
        error("kiln.gridSearch('knn', {k: [1, 3]}, iris, {fixed: {k: 5}})"));
    assertTrue(error("kiln.gridSearch('knn', {k: 3}, iris)").contains("grid entry 'k' must be a non-empty array"));
  }

  @Test
  void validationScoresWhatItsMetricTakes() {
    eval("""
        var iris = kiln.data.load('iris'); var [tr, te] = iris.split(0.7, {seed: 1, stratify: true});
        var probabilities = kiln.model('logistic-regression').fit(tr, {optimizer: kiln.optimizer('adam'),
            epochs: 2, validation: te, validationMetric: 'log-loss', progress: false});
        var reg = kiln.data.fromArrays([[0], [1], [2], [3]], [0.5, 1.5, 2.5, 3.5]);
        var values = kiln.model('mlp', {hidden: [4], loss: 'mse'}).fit(reg, {optimizer: kiln.optimizer('adam'),
            epochs: 2, validation: reg, progress: false});
        """);
    assertTrue(eval("probabilities.validation.every(v => v > 0)").asBoolean(), "log loss of predictProba");
    assertEquals("mse", eval("values.validationMetric").asString(), "a network with loss mse regresses");
  }

  @Test
  void validationStopsEarlyAndTheHistoryPlots(@TempDir Path dir) throws Exception {
    String png = dir.resolve("history.png").toString().replace("\\", "/");
    eval("""
        var iris = kiln.data.load('iris'); var [tr, te] = iris.split(0.7, {seed: 1, stratify: true});
        var fit = kiln.model('logistic-regression').fit(tr, {optimizer: kiln.optimizer('sgd', {lr: 1e-12}),
            epochs: 50, validation: te, patience: 2});
        kiln.plot.history(fit, '%s', {title: 'flat'});
        """.formatted(png));
    assertEquals(3, eval("fit.epochs").asInt(), "a negligible learning rate never improves: stop after 1 + 2 epochs");
    assertEquals("accuracy", eval("fit.validationMetric").asString());
    assertEquals(3, eval("fit.validation.length").asInt());
    assertEquals(3, eval("fit.accuracies.length").asInt(), "a classifier trained by gradient reports its accuracy");
    assertTrue(eval("fit.accuracies.every(a => a >= 0 && a <= 1)").asBoolean(), eval("fit.accuracies").toString());
    assertEquals(640, javax.imageio.ImageIO.read(Path.of(png).toFile()).getWidth());
    assertTrue(error("kiln.model('mlp').fit(iris, {validation: [1, 2]})").contains("must be a data set"));
    assertEquals("fit option 'patience' works on validation data: pass {validation: test} too, a data set such as "
        + "the test part of data.split(0.8)", error("kiln.model('mlp').fit(iris, {patience: 2})"));
    assertEquals("object", eval("typeof kiln.model('mlp').fit(iris, {optimizer: kiln.optimizer('sgd'), patience: 0, "
        + "progress: false})").asString(),
        "patience 0 (the default: never stop) needs no validation data");
  }

  @Test
  void consoleLogWritesToTheSessionOutput() {
    OUT.reset();
    eval("console.log('hello', 1 + 1)");
    assertEquals("hello 2", OUT.toString(StandardCharsets.UTF_8).strip());
  }

  @Test
  void javaScriptsOwnObjectsShowTheirState() {
    assertEquals("Error: boom", JsPrinter.show(eval("new Error('boom')")));
    assertEquals("TypeError: Cannot read property 'x' of null",
        JsPrinter.show(eval("let caught; try { null.x } catch (e) { caught = e }; caught")));
    assertEquals("1970-01-01T00:00:00.000Z", JsPrinter.show(eval("new Date(0)")));
    assertEquals("Map(2) {1 => 'a', 'b' => [2]}", JsPrinter.show(eval("new Map([[1, 'a'], ['b', [2]]])")));
    assertEquals("/re/g", JsPrinter.show(eval("/re/g")));
    assertEquals("MyError: mine", JsPrinter.show(eval("class MyError extends Error {}; new MyError('mine')")));
    assertEquals("Set(2) {1, 'b'}", JsPrinter.show(eval("new Set([1, 'b'])")));
    assertEquals("Invalid Date", JsPrinter.show(eval("new Date('x')")));
    assertEquals("KilnException: unknown model 'nope'", JsPrinter.show(eval("let k; try { kiln.model('nope') } "
        + "catch (e) { k = e }; k")).replaceAll(" \\(did.*|;.*", ""));
  }

  @Test
  void consoleLogShowsValuesAsTheReplDoes() {
    eval("var fitted = kiln.model('linear-regression'); fitted.fit(kiln.data.fromArrays([[0], [1]], [1, 3]))");
    OUT.reset();
    eval("console.log('params', fitted.parameters(), {a: [1, 'x']}, kiln.tensor([2]), undefined)");
    assertEquals("params " + JsPrinter.show(eval("fitted.parameters()")) + " {a: [1, 'x']} tensor [1] float64 [2]"
        + " undefined", OUT.toString(StandardCharsets.UTF_8).strip());
    String printed = OUT.toString(StandardCharsets.UTF_8);
    assertTrue(printed.startsWith("params {weight: tensor [1, 1] float64"), printed);
    OUT.reset();
    eval("console.error({b: 2})");
    assertEquals("{b: 2}", OUT.toString(StandardCharsets.UTF_8).strip(), "Sessions.open sends err to OUT too");
    OUT.reset();
    eval("console.log(1e21, 1e-7, 2 ** 53 + 2, true, new Error('boom'))");
    assertEquals("1e+21 1e-7 9007199254740994 true Error: boom", OUT.toString(StandardCharsets.UTF_8).strip());
  }

  @Test
  void anUnhandledPromiseRejectionFailsTheEvaluation() {
    assertEquals("Error: x", error("Promise.reject(new Error('x'))"));
    assertEquals("Error: boom", error("(async () => { await null; throw new Error('boom') })(); 1"));
    assertEquals("Error: Unhandled promise rejection: 42", error("Promise.reject(42)"));
    assertEquals(2, eval("Promise.reject(new Error('handled')).catch(e => e); 2").asInt());
  }

  @Test
  void helpShowsFormulaAndOptions() {
    String help = eval("String(kiln.help('sgd'))").asString();
    assertTrue(help.contains("Options:") && help.contains("lr"), help);
    assertTrue(error("kiln.help('sdg')").contains("did you mean 'sgd'"));
  }

  @Test
  void pluginsListEachPluginWithItsSource() {
    assertTrue(eval("kiln.plugins().some(p => p.name === 'sgd' && p.kind === 'optimizer' && p.source.endsWith('.jar') "
        + "|| p.name === 'sgd' && p.source.length > 0)").asBoolean());
  }
}
