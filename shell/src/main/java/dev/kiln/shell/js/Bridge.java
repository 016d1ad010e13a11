package dev.kiln.shell.js;

import dev.kiln.api.Classifier;
import dev.kiln.api.Decoder;
import dev.kiln.api.Decoding;
import dev.kiln.api.Generation;
import dev.kiln.api.KilnException;
import dev.kiln.api.Kind;
import dev.kiln.api.LanguageModel;
import dev.kiln.api.Metric;
import dev.kiln.api.MetricProvider;
import dev.kiln.api.Model;
import dev.kiln.api.Names;
import dev.kiln.api.Option;
import dev.kiln.api.Optimizer;
import dev.kiln.api.Origin;
import dev.kiln.api.Params;
import dev.kiln.api.PluginInfo;
import dev.kiln.api.Predictions;
import dev.kiln.api.Provider;
import dev.kiln.api.Registry;
import dev.kiln.api.Schema;
import dev.kiln.api.Score;
import dev.kiln.api.Transformer;
import dev.kiln.api.data.Dataset;
import dev.kiln.api.data.NestedArrays;
import dev.kiln.api.io.AtomicFiles;
import dev.kiln.api.io.Npy;
import dev.kiln.api.io.Npz;
import dev.kiln.api.data.Vocabulary;
import dev.kiln.api.train.Fit;
import dev.kiln.api.train.OptimizerState;
import dev.kiln.api.train.GradientModel;
import dev.kiln.api.train.Training;
import dev.kiln.api.train.Validation;
import dev.kiln.api.train.TrainingListener;
import dev.kiln.data.Csv;
import dev.kiln.io.ModelFile;
import dev.kiln.io.Provenance;
import dev.kiln.data.CsvOptions;
import dev.kiln.data.Datasets;
import dev.kiln.data.Idx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Supplier;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The narrow Java surface behind the JavaScript {@code kiln} object. The prelude ({@code kiln.js}) holds
 * it in a closure and builds the user-facing API on it; scripts never see it. Components cross into JS as
 * opaque host objects (no exported members) that only come back here.
 */
public final class Bridge {
  private static final Option<Integer> EPOCHS = Option.integer("epochs", 1, "passes over the data").min(1);
  private static final Option<Integer> BATCH_SIZE = Option.integer("batchSize", 32, "rows per step").min(1);
  private static final Option<Boolean> SHUFFLE = Option.flag("shuffle", true, "shuffle rows every epoch");
  private static final Option<Integer> SEED = Option.integer("seed", 0, "seed for shuffling");
  private static final Option<Boolean> PROGRESS = Option.flag("progress", true, "show a progress bar");
  private static final Option<Integer> PATIENCE = Option.integer("patience", 0,
      "with validation: stop after this many epochs without improvement; 0 never stops").min(0);
  private static final Option<String> VALIDATION_METRIC = Option.text("validationMetric", "",
      "with validation: the metric (default accuracy for classifiers, mse otherwise)");
  private static final Schema FIT = Schema.of(EPOCHS, BATCH_SIZE, SHUFFLE, SEED, PROGRESS, PATIENCE,
      VALIDATION_METRIC);

  private static final Option<Integer> MAX_TOKENS = Option.integer("maxTokens", 20, "new tokens").min(1);
  private static final Option<Integer> STOP = Option.integer("stopToken", -1, "stop after this id").min(-1);
  private static final Schema DECODE = Schema.of(MAX_TOKENS, STOP, SEED);

  private static final Option<String> LABEL = Option.text("label", "", "the label column; '' for unlabelled");
  private static final Option<Boolean> HEADER = Option.flag("header", true, "the first line names the columns");
  private static final Option<String> DELIMITER = Option.text("delimiter", ",", "the field separator");
  private static final Schema CSV = Schema.of(LABEL, HEADER, DELIMITER);

  private final Registry registry;
  /** How each model fitted from this session was made, for model.provenance() and model.save(). */
  private final Map<Model, Provenance> provenances = Collections.synchronizedMap(new WeakHashMap<>());
  private final Plots plots;
  private final ModelSelection selection;
  private final Supplier<Training> training;
  private final Supplier<TrainingListener> progress;
  private final String version;

  /**
   * @param training the session's base training settings (its cancellation flag is the one Ctrl-C sets)
   * @param progress a progress listener for interactive sessions, or {@code null}
   */
  Bridge(Registry registry, Supplier<Training> training, Supplier<TrainingListener> progress, String version) {
    this.registry = registry;
    this.plots = new Plots(registry);
    this.selection = new ModelSelection(registry, training);
    this.training = training;
    this.progress = progress;
    this.version = version;
  }

  @HostAccess.Export
  public String version() {
    return version;
  }

  /** {@code value} as the REPL shows it ({@link JsPrinter}), for {@code console.log}. */
  @HostAccess.Export
  public String show(Value value) {
    return JsPrinter.format(value, 0);
  }

  @HostAccess.Export
  public Value plugins() {
    return JsValues.toJs(registry.plugins().stream().map(Bridge::row).toList());
  }

  private static Map<String, Object> row(PluginInfo info) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("kind", info.kind().label());
    out.put("name", info.name());
    out.put("summary", info.summary());
    out.put("source", info.source());
    out.put("version", info.version());
    return out;
  }

  @HostAccess.Export
  public String help(String name) {
    Provider<?> provider = registry.find(name).orElseThrow(() -> new KilnException("no plugin named '" + name
        + "'" + Names.suggestion(name, registry.plugins().stream().map(PluginInfo::name).toList())
        + "; kiln.plugins() lists them"));
    return provider.help();
  }

  /** A new model, optimizer, metric or decoder. */
  @HostAccess.Export
  public Object create(String kind, String name, Value options) {
    return registry.create(kind(kind), name, JsValues.options(options, kind + " options"));
  }

  /**
   * "optimizer sgd {lr=0.1, momentum=0.0}" for the REPL's display of a component, from what the registry
   * recorded when it made it, so that it shows even after a {@code :reload} removed its plugin.
   */
  @HostAccess.Export
  public String describe(Object component) {
    Origin origin = registry.origin(component instanceof BoundMetric bound ? bound.metric() : component);
    return origin.kind().label() + " " + origin.name() + " " + origin.options();
  }

  @HostAccess.Export
  public Value fit(Model model, Dataset data, Value options) {
    Map<String, Object> raw = JsValues.options(options, "fit options");
    Params params = FIT.parse(raw, List.of("optimizer", "validation"));
    Optimizer optimizer = JsValues.optimizer(raw.get("optimizer"), "fit");
    Object validationData = raw.get("validation");
    if (validationData != null && !(validationData instanceof Dataset)) {
      throw new KilnException("fit option 'validation' must be a data set, such as the test part of a split");
    }
    if (validationData == null) {
      for (Option<?> needsValidation : List.of(PATIENCE, VALIDATION_METRIC)) {
        if (!params.get(needsValidation).equals(needsValidation.defaultValue())) {
          throw new KilnException("fit option '" + needsValidation.name() + "' works on validation data: pass "
              + "{validation: test} too, a data set such as the test part of data.split(0.8)");
        }
      }
    }
    Training how = training.get().withOptimizer(optimizer).withEpochs(params.get(EPOCHS))
        .withBatchSize(params.get(BATCH_SIZE)).withShuffle(params.get(SHUFFLE)).withSeed(params.get(SEED));
    if (progress != null && params.get(PROGRESS) && optimizer != null) {
      how = how.withListener(progress.get());
    }
    String metricName = MetricDefaults.metric(params.get(VALIDATION_METRIC), Classifier.classifying(model));
    Validation validation = null;
    if (validationData instanceof Dataset held) {
      Metric<Predictions> metric = registry.metric(metricName, Map.of(), Predictions.class);
      boolean probabilities = ((MetricProvider) registry.provider(Kind.METRIC, metricName)).scoresProbabilities();
      validation = new Validation(() -> metric.score(Predictions.of(model, held, probabilities)).value(),
          MetricDefaults.higherIsBetter(metricName), params.get(PATIENCE));
      how = how.withListener(validation);
    }
    Training used = how;
    Fit fit = model.fit(data, used);
    registry.originOf(model).ifPresent(origin -> provenances.put(model, Provenance.of(origin, data, used,
        optimizer == null ? null : registry.originOf(optimizer).orElse(null), fit)));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("epochs", fit.epochs());
    out.put("losses", fit.epochLosses());
    if (!fit.epochAccuracies().isEmpty()) {
      out.put("accuracies", fit.epochAccuracies());
    }
    out.put("finalLoss", fit.finalLoss());
    out.put("seconds", fit.wallTime().toNanos() / 1e9);
    if (validation != null) {
      out.put("validationMetric", metricName);
      out.put("validation", validation.history().stream().map(e -> e.score()).toList());
      out.put("bestValidation", validation.best());
    }
    return JsValues.toJs(out);
  }

  /** Parameter name to value (the live tensor) of a gradient-trained model. */
  @HostAccess.Export
  public Value parameters(Model model) {
    if (!(model instanceof GradientModel gradientModel)) {
      throw new KilnException("this model has no gradient-trained parameters");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    gradientModel.parameters().forEach(p -> out.put(p.name(), Value.asValue(p.value())));
    return JsValues.toJs(out);
  }

  /** What a fitted model learned ({@link Model#attributes()}); tensors stay host tensors for the prelude. */
  @HostAccess.Export
  public Value attributes(Model model) {
    Map<String, Object> out = new LinkedHashMap<>();
    model.attributes().forEach((k, v) -> out.put(k, v instanceof INDArray ? Value.asValue(v) : v));
    return JsValues.toJs(out);
  }

  @HostAccess.Export
  public boolean isTensor(Value value) {
    return value.isHostObject() && value.asHostObject() instanceof INDArray;
  }

  @HostAccess.Export
  public INDArray transform(Model model, Value x) {
    if (!(model instanceof Transformer transformer)) {
      throw new KilnException("this model does not transform features: transform needs a scaler or k-means;"
          + " use predict");
    }
    return transformer.transform(JsValues.tensor(x, "x"));
  }

  @HostAccess.Export
  public INDArray predict(Model model, Value x) {
    return model.predict(JsValues.tensor(x, "x"));
  }

  @HostAccess.Export
  public INDArray predictProba(Model model, Value x) {
    if (!(model instanceof Classifier classifier)) {
      throw new KilnException("this model is not a classifier: predictProba needs one such as "
          + "logistic-regression; use predict");
    }
    return classifier.predictProba(JsValues.tensor(x, "x"));
  }

  /**
   * A metric with the provider that made it, which turns the plain values a script scores into the metric's
   * input: a {@code :reload} that replaces or removes the plugin leaves metrics made before it as they were.
   */
  record BoundMetric(Metric<Object> metric, MetricProvider provider) {}

  /** A new metric, bound to its provider ({@link BoundMetric}). */
  @HostAccess.Export
  @SuppressWarnings("unchecked")
  public BoundMetric metric(String name, Value options) {
    MetricProvider provider = (MetricProvider) registry.provider(Kind.METRIC, name);
    return new BoundMetric((Metric<Object>) create(Kind.METRIC.label(), name, options), provider);
  }

  @HostAccess.Export
  public Value score(BoundMetric metric, Value truth, Value predicted, boolean details) {
    Score score = metric.metric().score(metric.provider().input(JsValues.toJava(truth), JsValues.toJava(predicted)));
    if (!details) {
      return Value.asValue(score.value());
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("value", score.value());
    out.putAll(score.details());
    return JsValues.toJs(out);
  }

  @HostAccess.Export
  public Value decode(Decoder decoder, Object lm, Value prompt, Value options) {
    if (!(lm instanceof LanguageModel model)) {
      String got = registry.originOf(lm).map(o -> o.kind().label() + " '" + o.name() + "', which is not one")
          .orElse(String.valueOf(lm));
      throw new KilnException("decode needs a language model such as kiln.model('bigram'), got " + got);
    }
    Params params = DECODE.parse(JsValues.options(options, "decode options"));
    Generation generation = decoder.decode(model, JsValues.ints(prompt, "prompt"),
        new Decoding(params.get(MAX_TOKENS), params.get(STOP), params.get(SEED)));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("tokens", generation.tokens());
    out.put("logProbability", generation.logProbability());
    return JsValues.toJs(out);
  }

  // ---- tensors

  @HostAccess.Export
  public INDArray tensor(Value values) {
    return JsValues.tensor(values, "tensor");
  }

  @HostAccess.Export
  public Value shape(INDArray tensor) {
    return JsValues.toJs(tensor.shape());
  }

  @HostAccess.Export
  public String dtype(INDArray tensor) {
    return Tensors.dtype(tensor);
  }

  @HostAccess.Export
  public Value toArray(INDArray tensor) {
    return JsValues.toJs(tensor);
  }

  @HostAccess.Export
  public String summary(INDArray tensor) {
    return Tensors.summary(tensor);
  }

  // ---- data

  @HostAccess.Export
  public Dataset csv(String path, Value options) {
    Params params = CSV.parse(JsValues.options(options, "csv options"));
    String delimiter = params.get(DELIMITER);
    if (delimiter.length() != 1) {
      throw new KilnException("csv option 'delimiter' must be one character, such as ',' or ';', got '"
          + delimiter + "'");
    }
    String label = params.get(LABEL);
    return Csv.read(Path.of(path), new CsvOptions(label.isEmpty() ? null : label, params.get(HEADER),
        delimiter.charAt(0)));
  }

  @HostAccess.Export
  public Dataset dataset(String name) {
    return Datasets.load(name);
  }

  /** Fashion-MNIST from its IDX files: part "train" or "t10k", from {@code folder} (empty: the default). */
  @HostAccess.Export
  public Dataset fashionMnist(String folder, String part) {
    return Idx.fashionMnist(folder.isEmpty() ? Idx.FASHION_MNIST : Path.of(folder), part);
  }

  @HostAccess.Export
  public INDArray idx(String path) {
    return Idx.read(Path.of(path));
  }

  @HostAccess.Export
  public Dataset fromArrays(Value x, Value y) {
    INDArray features = JsValues.tensor(x, "x");
    return y == null || y.isNull() ? Dataset.unlabelled(features) : Dataset.of(features, JsValues.tensor(y, "y"));
  }

  @HostAccess.Export
  public Dataset nextToken(Value tokens) {
    return Dataset.nextToken(JsValues.ints(tokens, "tokens"));
  }

  @HostAccess.Export
  public Value info(Dataset data) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("size", data.size());
    out.put("numFeatures", data.numFeatures());
    out.put("featureNames", data.featureNames());
    out.put("classNames", data.classNames());
    out.put("text", data.toString());
    return JsValues.toJs(out);
  }

  @HostAccess.Export
  public INDArray features(Dataset data) {
    return data.features();
  }

  @HostAccess.Export
  public INDArray labels(Dataset data) {
    return data.labels();
  }

  @HostAccess.Export
  public Value split(Dataset data, double fraction, long seed, boolean stratify) {
    Dataset.Split split = data.split(fraction, seed, stratify);
    return JsValues.toJs(List.of(split.train(), split.test()));
  }

  @HostAccess.Export
  public Dataset shuffle(Dataset data, long seed) {
    return data.shuffle(seed);
  }

  // ---- optimizers

  /** The learning rate of the next step, or NaN for optimizers without one. */
  @HostAccess.Export
  public double learningRate(Optimizer optimizer) {
    return optimizer.learningRate().orElse(Double.NaN);
  }

  /** {optimizer, scalars, tensors} of a snapshot of the training state; tensors stay host tensors. */
  @HostAccess.Export
  public Value optimizerState(Optimizer optimizer) {
    OptimizerState state = optimizer.state();
    Map<String, Object> tensors = new LinkedHashMap<>();
    state.tensors().forEach((name, tensor) -> tensors.put(name, Value.asValue(tensor)));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("optimizer", state.optimizer());
    out.put("scalars", state.scalars());
    out.put("tensors", tensors);
    return JsValues.toJs(out);
  }

  /** Restores a snapshot made by {@link #optimizerState} (its tensors as tensors or nested arrays). */
  @HostAccess.Export
  public void restoreOptimizer(Optimizer optimizer, Value state) {
    Map<String, Object> raw = JsValues.options(state, "optimizer state");
    if (!(raw.get("optimizer") instanceof String name) || !(raw.get("scalars") instanceof Map<?, ?> scalars)
        || !(raw.get("tensors") instanceof Map<?, ?> tensors)) {
      throw new KilnException("optimizer.restore(state) takes what optimizer.state() gives, {optimizer: name, "
          + "scalars: {name: number}, tensors: {name: tensor}}; got {" + String.join(", ", raw.keySet()) + "}");
    }
    Map<String, Double> numbers = new LinkedHashMap<>();
    scalars.forEach((k, v) -> {
      if (!(v instanceof Number number)) {
        throw new KilnException("optimizer.restore(state): scalar '" + k + "' must be a number, got " + v);
      }
      numbers.put((String) k, number.doubleValue());
    });
    Map<String, INDArray> arrays = new LinkedHashMap<>();
    tensors.forEach((k, v) -> arrays.put((String) k, NestedArrays.toTensor(v, (String) k)));
    optimizer.restore(new OptimizerState(name, numbers, arrays));
  }

  // ---- model files

  /** Saves a fitted model, with its provenance, to a model file (atomically). */
  @HostAccess.Export
  public void save(Model model, String path) {
    Origin origin = registry.originOf(model).orElseThrow(() -> new KilnException(
        "this model was not made by kiln.model, so Kiln does not know its plugin and options"));
    ModelFile.save(Path.of(path), model, origin, provenances.get(model));
  }

  /** Saves an optimizer's training state to a file (atomically). */
  @HostAccess.Export
  public void saveOptimizer(Optimizer optimizer, String path) {
    Origin origin = registry.originOf(optimizer).orElseThrow(() -> new KilnException(
        "this optimizer was not made by kiln.optimizer, so Kiln does not know its plugin and options"));
    ModelFile.saveOptimizer(Path.of(path), optimizer, origin);
  }

  /** Loads a model or optimizer file: the new component (a model's provenance comes along). */
  @HostAccess.Export
  public Object load(String path) {
    if (Kind.OPTIMIZER.label().equals(ModelFile.manifest(Path.of(path)).kind())) {
      return ModelFile.loadOptimizer(Path.of(path), registry);
    }
    ModelFile.Loaded loaded = ModelFile.load(Path.of(path), registry);
    if (loaded.manifest().provenance() != null) {
      provenances.put(loaded.model(), loaded.manifest().provenance());
    }
    return loaded.model();
  }

  /** The kind, plugin name and options of a component, for the prelude's wrapper of a loaded one. */
  @HostAccess.Export
  public Value originOf(Object component) {
    Origin origin = registry.originOf(component).orElseThrow();
    return JsValues.toJs(Map.of("kind", origin.kind().label(), "name", origin.name(), "options", origin.options()));
  }

  /** The provenance as JSON (the prelude parses it), or null before the model is fitted. */
  @HostAccess.Export
  public String provenance(Model model) {
    Provenance provenance = provenances.get(model);
    return provenance == null ? null : provenance.toJson();
  }

  /** Adds a named metric (such as a test score) to a fitted model's provenance. */
  @HostAccess.Export
  public void recordMetric(Model model, String name, double value) {
    Provenance provenance = provenances.get(model);
    if (provenance == null) {
      throw new KilnException("this model has no provenance yet: fit it first");
    }
    provenances.put(model, provenance.withMetric(name, value));
  }

  // ---- model selection

  /** k-fold cross-validation of a model plugin: {scores, mean, std}. */
  @HostAccess.Export
  public Value crossValidate(String model, Value options, Dataset data, Value settings) {
    return JsValues.toJs(selection.crossValidate(model, JsValues.options(options, model + " options"), data,
        JsValues.options(settings, "crossValidate settings")));
  }

  /** Grid search over option values by cross-validation: {best, bestScore, candidates}. */
  @HostAccess.Export
  public Value gridSearch(String model, Value grid, Dataset data, Value settings) {
    return JsValues.toJs(selection.gridSearch(model, JsValues.options(grid, "grid"), data,
        JsValues.options(settings, "gridSearch settings")));
  }

  // ---- plots

  /** A ROC-curve PNG of {@code scores} against {@code truth}; returns the file written. */
  @HostAccess.Export
  public String plotRoc(Value truth, Value scores, String file, Value options) {
    return plots.roc(JsValues.toJava(truth), JsValues.tensor(scores, "scores"), Path.of(file),
        JsValues.options(options, "kiln.plot.roc options")).toString();
  }

  /**
   * Training curves of a fit's result ({losses, accuracies?, validation?, validationMetric?}); returns the file
   * written.
   */
  @HostAccess.Export
  public String plotHistory(Value fit, String file, Value options) {
    return plots.history(JsValues.options(fit, "kiln.plot.history's fit result"), Path.of(file),
        JsValues.options(options, "kiln.plot.history options")).toString();
  }

  /** A confusion-matrix PNG of {@code predicted} against {@code truth}; returns the file written. */
  @HostAccess.Export
  public String plotConfusion(Value truth, Value predicted, String file, Value options) {
    return plots.confusion(JsValues.toJava(truth), JsValues.toJava(predicted), Path.of(file),
        JsValues.options(options, "kiln.plot.confusion options")).toString();
  }

  // ---- NumPy files

  /** Saves a tensor as {@code .npy}, or an object of named tensors as {@code .npz}, by the file's extension. */
  @HostAccess.Export
  public void npySave(String path, Value value) {
    Path file = Path.of(path);
    if (path.endsWith(".npz")) {
      Map<String, INDArray> tensors = new LinkedHashMap<>();
      JsValues.options(value, "kiln.npy.save's tensors").forEach((name, tensor) ->
          tensors.put(name, NestedArrays.toTensor(tensor, name)));
      Npz.write(file, tensors);
    } else if (path.endsWith(".npy")) {
      byte[] bytes = Npy.toBytes(JsValues.tensor(value, "tensor"));
      AtomicFiles.write(file, "tensor.npy", out -> out.write(bytes));
    } else {
      throw new KilnException("kiln.npy.save needs a .npy file (one tensor) or a .npz file (named tensors), got "
          + path);
    }
  }

  /** A tensor from {@code .npy}, or a JS object of named host tensors from {@code .npz}. */
  @HostAccess.Export
  public Value npyLoad(String path) {
    Path file = Path.of(path);
    if (path.endsWith(".npz")) {
      Map<String, Object> out = new LinkedHashMap<>();
      Npz.read(file).forEach((name, tensor) -> out.put(name, Value.asValue(tensor)));
      return JsValues.toJs(out);
    }
    try {
      return Value.asValue(Npy.fromBytes(Files.readAllBytes(file), path));
    } catch (NoSuchFileException e) {
      throw new KilnException("no such file: " + path);
    } catch (IOException e) {
      throw new KilnException("cannot read " + path + ": " + e.getMessage());
    }
  }

  // ---- text

  @HostAccess.Export
  public Vocabulary vocabulary(String text) {
    return Vocabulary.ofCharacters(text);
  }

  @HostAccess.Export
  public int vocabularySize(Vocabulary vocabulary) {
    return vocabulary.size();
  }

  @HostAccess.Export
  public Value encode(Vocabulary vocabulary, String text) {
    return JsValues.toJs(vocabulary.encode(text));
  }

  @HostAccess.Export
  public String decodeText(Vocabulary vocabulary, Value tokens) {
    return vocabulary.decode(JsValues.ints(tokens, "tokens"));
  }

  private static Kind kind(String label) {
    return Arrays.stream(Kind.values()).filter(k -> k.label().equals(label)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no kind " + label));
  }
}
