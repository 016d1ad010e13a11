// The `kiln` global: the JavaScript API of Kiln (DESIGN.md §3), built on the host bridge that this
// function receives. The bridge stays in this closure; scripts only see `kiln` (and a console that prints
// values as the REPL does).
(function (bridge, args) {
  'use strict';

  const GENERAL_HELP = [
    'kiln.model(name, options)        a model: .fit(data, {optimizer, epochs, batchSize, shuffle, seed,',
    '                                 validation, patience, validationMetric, progress}) -> {epochs, losses,',
    '                                 accuracies (classifiers), finalLoss, seconds, validation,',
    '                                 validationMetric, bestValidation},',
    '                                 .predict(x), .predictProba(x) (classifiers), .transform(x) (scalers,',
    '                                 k-means), .parameters(), .attributes() (what it learned),',
    '                                 .save(path), .provenance(), .recordMetric(name, value)',
    'kiln.load(path)                  a model or optimizer saved with .save(path)',
    'kiln.optimizer(name, options)    an optimizer to pass to fit, e.g. kiln.optimizer(\'sgd\', {lr: 0.01});',
    '                                 .learningRate(), .state(), .restore(state), .save(path) to resume',
    'kiln.metric(name, options)       .score(truth, prediction) -> number, .details(...) -> object',
    'kiln.decoder(name, options)      .decode(languageModel, promptTokens, {maxTokens, stopToken, seed})',
    'kiln.data.load(name)             a built-in data set: iris, wine, breast-cancer, digits',
    'kiln.data.csv(path, {label, header, delimiter})   a data set from a CSV file',
    'kiln.data.fromArrays(x, y)       a data set from arrays; .split(0.8, {seed, stratify}), .x, .y',
    'kiln.data.nextToken(tokens)      (token, next token) pairs for language models',
    'kiln.data.fashionMnist({path, part})   Fashion-MNIST (part train or t10k) from its IDX files',
    'kiln.crossValidate(model, options, data, {folds, stratified, shuffle, seed, metric, metricOptions,',
    '                                 optimizer, epochs, batchSize}) -> {scores, mean, std}',
    'kiln.gridSearch(model, grid, data, {fixed, maximize, ...as crossValidate}) -> {best, bestScore, candidates}',
    'kiln.text.vocabulary(text)       characters <-> token ids: .encode(text), .decode(tokens), .size',
    'kiln.tensor(arrays)              a tensor: .shape, .dtype, .toArray()',
    'kiln.npy.save(path, t), .load(path)   NumPy files: a tensor as .npy, {name: tensor} as .npz',
    'kiln.plot.roc(truth, scores, file, {posLabel, title, width, height})       a ROC-curve PNG',
    'kiln.plot.confusion(truth, predicted, file, {labels, normalize, title})   a confusion-matrix PNG',
    'kiln.plot.history(fitResult, file, {title})   training loss, accuracy and validation score per epoch',
    'kiln.plugins()                   every plugin: kind, name, summary, source, version',
    'kiln.help(name)                  a plugin\'s formula, source and options',
    'kiln.args                        the arguments after the script name in `kiln run`',
  ].join('\n');

  const hidden = (object, name, value) =>
    Object.defineProperty(object, name, {value, enumerable: false, writable: false});
  // How the REPL shows a value: objects made here carry a non-enumerable __repr__.
  const withRepr = (object, repr) => { hidden(object, '__repr__', repr); return object; };
  // A value as an error message shows it: "number 42", "string 'a'", "an array", "undefined".
  const shown = (value) => value === null || value === undefined ? String(value)
    : Array.isArray(value) ? 'an array'
    : typeof value === 'object' ? 'an object'
    : typeof value === 'function' ? 'a function'
    : typeof value === 'string' ? `string '${value}'`
    : `${typeof value} ${String(value)}`;
  const isType = (value, type) => type === 'integer' ? Number.isSafeInteger(value)
    : type === 'object' ? value !== null && typeof value === 'object' && !Array.isArray(value)
    : typeof value === type;
  // `value`, or a one-line TypeError naming the call and the argument: "kiln.data.csv(path, options): path must
  // be a string, got number 42". `type` is a typeof name, 'integer' or 'object' (not null, not an array); with
  // a trailing '?', undefined (an argument left out for its default) passes too.
  function check(call, name, value, type) {
    const optional = type.endsWith('?');
    const wanted = optional ? type.slice(0, -1) : type;
    if (!(optional && value === undefined) && !isType(value, wanted)) {
      throw new TypeError(`${call}: ${name} must be ${/^[aeiou]/.test(wanted) ? 'an' : 'a'} ${wanted}, `
        + `got ${shown(value)}`);
    }
    return value;
  }
  // `fn` with its leading arguments checked (see check) against `types`, named as in `signature` such as
  // 'kiln.data.csv(path, options)'; a null type leaves an argument to the host's own checks.
  function checked(signature, types, fn) {
    const names = signature.slice(signature.indexOf('(') + 1, -1).split(', ');
    return (...values) => {
      types.forEach((type, i) => {
        if (type !== null) {
          check(signature, names[i], values[i], type);
        }
      });
      return fn(...values);
    };
  }
  const handleOf = (value) => (value !== null && typeof value === 'object' && value.__handle !== undefined)
    ? value.__handle : value;
  // The handle of a data set argument, or a one-line error naming the call and what it takes.
  const dataOf = (value, where) => {
    if (value === null || typeof value !== 'object' || typeof value.split !== 'function'
        || value.__handle === undefined) {
      throw new TypeError(`${where} takes a data set (kiln.data.load(name), kiln.data.csv(path), or a part of `
        + `data.split(0.8), which returns [train, test]), got ${shown(value)}`);
    }
    return value.__handle;
  };

  function tensor(handle) {
    const t = {
      get shape() { return bridge.shape(handle); },
      get dtype() { return bridge.dtype(handle); },
      toArray() { return bridge.toArray(handle); },
      toString() { return bridge.summary(handle); },
    };
    hidden(t, '__handle', handle);
    return withRepr(t, () => bridge.summary(handle));
  }

  const SPLIT = 'data.split(fraction, options)';

  function dataset(handle) {
    const info = () => bridge.info(handle);
    const d = {
      get size() { return info().size; },
      get numFeatures() { return info().numFeatures; },
      get featureNames() { return info().featureNames; },
      get classNames() { return info().classNames; },
      get x() { return tensor(bridge.features(handle)); },
      get y() { return tensor(bridge.labels(handle)); },
      split: checked(SPLIT, ['number', 'object?'], (fraction, options = {}) => {
        const {seed = 0, stratify = false, ...rest} = options;
        rejectUnknown(rest, 'split', ['seed', 'stratify']);
        return bridge.split(handle, fraction, check(SPLIT, 'options.seed', seed, 'integer'),
          check(SPLIT, 'options.stratify', stratify, 'boolean')).map(dataset);
      }),
      shuffle: checked('data.shuffle(seed)', ['integer?'], (seed = 0) => dataset(bridge.shuffle(handle, seed))),
      toString() { return info().text; },
    };
    hidden(d, '__handle', handle);
    return withRepr(d, () => info().text);
  }

  /** A settings object with any Kiln component (such as an optimizer) replaced by its handle. */
  const withHandles = (settings) =>
    Object.fromEntries(Object.entries(settings).map(([key, value]) => [key, handleOf(value)]));

  function rejectUnknown(rest, what, valid) {
    const unknown = Object.keys(rest);
    if (unknown.length > 0) {
      throw new TypeError(`unknown ${what} option '${unknown[0]}'; valid options: ${valid.join(', ')}`);
    }
  }

  function component(kind, name, options, handle = bridge.create(kind, name, options)) {
    const repr = () => bridge.describe(handle);
    const c = {name, kind, help() { return helpText(bridge.help(name)); }, toString: repr};
    hidden(c, '__handle', handle);
    return withRepr(c, repr);
  }

  function model(name, options = {}, handle = undefined) {
    const m = component('model', name, options, handle);
    const h = m.__handle;
    m.fit = checked('model.fit(data, options)', [null, 'object?'],
      (data, fitOptions = {}) => bridge.fit(h, dataOf(data, 'fit'), withHandles(fitOptions)));
    m.parameters = () => Object.fromEntries(
      Object.entries(bridge.parameters(h)).map(([name, value]) => [name, tensor(value)]));
    m.predict = (x) => tensor(bridge.predict(h, handleOf(x)));
    m.transform = (x) => tensor(bridge.transform(h, handleOf(x)));
    m.attributes = () => Object.fromEntries(Object.entries(bridge.attributes(h))
      .map(([name, value]) => [name, bridge.isTensor(value) ? tensor(value) : value]));
    m.predictProba = (x) => tensor(bridge.predictProba(h, handleOf(x)));
    m.save = checked('model.save(path)', ['string'], (path) => { bridge.save(h, path); });
    m.provenance = () => { const json = bridge.provenance(h); return json === null ? null : JSON.parse(json); };
    m.recordMetric = checked('model.recordMetric(name, value)', ['string', 'number'],
      (metricName, value) => { bridge.recordMetric(h, metricName, value); });
    return m;
  }

  function load(path) {
    const handle = bridge.load(path);
    const {kind, name, options} = bridge.originOf(handle);
    return kind === 'optimizer' ? optimizer(name, options, handle) : model(name, options, handle);
  }

  function optimizer(name, options = {}, handle = undefined) {
    const o = component('optimizer', name, options, handle);
    o.learningRate = () => bridge.learningRate(o.__handle);
    o.state = () => {
      const s = bridge.optimizerState(o.__handle);
      s.tensors = Object.fromEntries(Object.entries(s.tensors).map(([k, t]) => [k, tensor(t)]));
      return s;
    };
    o.restore = checked('optimizer.restore(state)', ['object'], (state) => bridge.restoreOptimizer(o.__handle,
      isType(state.tensors, 'object')
        ? {...state, tensors: Object.fromEntries(Object.entries(state.tensors).map(([k, t]) => [k, handleOf(t)]))}
        : state));
    o.save = checked('optimizer.save(path)', ['string'], (path) => { bridge.saveOptimizer(o.__handle, path); });
    return o;
  }

  function metric(name, options = {}) {
    const m = component('metric', name, options, bridge.metric(name, options));
    m.score = (truth, predicted) => bridge.score(m.__handle, handleOf(truth), handleOf(predicted), false);
    m.details = (truth, predicted) => bridge.score(m.__handle, handleOf(truth), handleOf(predicted), true);
    return m;
  }

  function decoder(name, options = {}) {
    const d = component('decoder', name, options);
    d.decode = (lm, prompt, decodeOptions = {}) =>
      bridge.decode(d.__handle, handleOf(lm), prompt, decodeOptions);
    return d;
  }

  function vocabulary(text) {
    const handle = bridge.vocabulary(text);
    const v = {
      get size() { return bridge.vocabularySize(handle); },
      encode: checked('vocabulary.encode(text)', ['string'], (s) => bridge.encode(handle, s)),
      decode(tokens) { return bridge.decodeText(handle, tokens); },
      toString() { return `vocabulary of ${bridge.vocabularySize(handle)} characters`; },
    };
    hidden(v, '__handle', handle);
    return withRepr(v, v.toString);
  }

  function helpText(text) {
    return withRepr({text, toString() { return text; }}, () => text);
  }

  const FASHION_MNIST = 'kiln.data.fashionMnist(options)';
  const data = Object.freeze({
    load: checked('kiln.data.load(name)', ['string'], (name) => dataset(bridge.dataset(name))),
    csv: checked('kiln.data.csv(path, options)', ['string'],
      (path, options = {}) => dataset(bridge.csv(path, options))),
    fromArrays: (x, y) => dataset(bridge.fromArrays(handleOf(x), handleOf(y))),
    nextToken: (tokens) => dataset(bridge.nextToken(tokens)),
    fashionMnist: checked(FASHION_MNIST, ['object?'], ({path = '', part = 'train', ...rest} = {}) => {
      rejectUnknown(rest, 'fashionMnist', ['path', 'part']);
      return dataset(bridge.fashionMnist(check(FASHION_MNIST, 'options.path', path, 'string'),
        check(FASHION_MNIST, 'options.part', part, 'string')));
    }),
    idx: checked('kiln.data.idx(path)', ['string'], (path) => tensor(bridge.idx(path))),
  });

  const text = Object.freeze({vocabulary: checked('kiln.text.vocabulary(text)', ['string'], vocabulary)});

  const plot = Object.freeze({
    history: checked('kiln.plot.history(fit, file, options)', ['object', 'string'],
      (fit, file, options = {}) => bridge.plotHistory(fit, file, options)),
    roc: checked('kiln.plot.roc(truth, scores, file, options)', [null, null, 'string'],
      (truth, scores, file, options = {}) => bridge.plotRoc(handleOf(truth), handleOf(scores), file, options)),
    confusion: checked('kiln.plot.confusion(truth, predicted, file, options)', [null, null, 'string'],
      (truth, predicted, file, options = {}) =>
        bridge.plotConfusion(handleOf(truth), handleOf(predicted), file, options)),
  });

  const npy = Object.freeze({
    save: checked('kiln.npy.save(path, tensor)', ['string'], (path, value) => {
      const plain = value !== null && typeof value === 'object' && value.__handle === undefined
        && !Array.isArray(value);
      bridge.npySave(path, plain
        ? Object.fromEntries(Object.entries(value).map(([name, t]) => [name, handleOf(t)]))
        : handleOf(value));
    }),
    load: checked('kiln.npy.load(path)', ['string'], (path) => {
      const loaded = bridge.npyLoad(path);
      return bridge.isTensor(loaded) ? tensor(loaded)
        : Object.fromEntries(Object.entries(loaded).map(([name, t]) => [name, tensor(t)]));
    }),
  });

  // console.log and its kin show objects and arrays as the REPL does ({weight: tensor [1, 1] float64 [[2]]},
  // not [object Object]); strings, numbers and the other primitives, and Errors, print as JavaScript prints them.
  const printable = (v) => v !== null && typeof v === 'object' && !(v instanceof Error) ? bridge.show(v) : String(v);
  for (const name of ['log', 'info', 'debug', 'warn', 'error']) {
    const print = console[name];
    console[name] = (...values) => print(values.map(printable).join(' '));
  }

  return Object.freeze({
    version: bridge.version(),
    model: checked('kiln.model(name, options)', ['string'], model),
    optimizer: checked('kiln.optimizer(name, options)', ['string'], optimizer),
    metric: checked('kiln.metric(name, options)', ['string'], metric),
    decoder: checked('kiln.decoder(name, options)', ['string'], decoder),
    data,
    text,
    npy,
    plot,
    load: checked('kiln.load(path)', ['string'], load),
    crossValidate: checked('kiln.crossValidate(model, options, data, settings)', ['string', null, null, 'object?'],
      (model, options, data, settings = {}) => bridge.crossValidate(model, options,
        dataOf(data, 'crossValidate'), withHandles(settings))),
    gridSearch: checked('kiln.gridSearch(model, grid, data, settings)', ['string', null, null, 'object?'],
      (model, grid, data, settings = {}) => bridge.gridSearch(model, grid, dataOf(data, 'gridSearch'),
        withHandles(settings))),
    tensor: (...args) => {
      if (args.length !== 1) {
        throw new TypeError(`kiln.tensor(values) takes one argument (nested arrays of numbers, or a tensor), got `
          + `${args.length}`);
      }
      return tensor(bridge.tensor(handleOf(args[0])));
    },
    plugins: () => bridge.plugins(),
    args: Object.freeze([...args]),
    help: checked('kiln.help(name)', ['string?'],
      (name) => helpText(name === undefined ? GENERAL_HELP : bridge.help(name))),
  });
})
