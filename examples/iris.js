// A classic pipeline on iris: split, standardise, logistic regression (L-BFGS), scores, cross-validation,
// a confusion-matrix plot, and a save/load round trip.
//   ./kiln run examples/iris.js [output folder]

const out = kiln.args[0] ?? '/tmp';
const iris = kiln.data.load('iris');
const [train, test] = iris.split(0.8, {seed: 7, stratify: true});

const scaler = kiln.model('standardize');
scaler.fit(train);
const trainX = scaler.transform(train.x);
const testX = scaler.transform(test.x);

const model = kiln.model('logistic-regression', {c: 1.0});
model.fit(kiln.data.fromArrays(trainX, train.y));
const predicted = model.predict(testX);
const f1 = kiln.metric('f1', {average: 'macro'});
console.log(`test accuracy ${kiln.metric('accuracy').score(test.y, predicted).toFixed(3)}, ` +
            `macro F1 ${f1.score(test.y, predicted).toFixed(3)}, ` +
            `log-loss ${kiln.metric('log-loss').score(test.y, model.predictProba(testX)).toFixed(3)}`);

const cv = kiln.crossValidate('knn', {k: 5}, iris, {folds: 5, seed: 1});
console.log(`knn (k = 5), 5-fold accuracy ${cv.mean.toFixed(3)} ± ${cv.std.toFixed(3)}`);

kiln.plot.confusion(test.y, predicted, `${out}/iris-confusion.png`, {title: 'iris, logistic regression'});
model.recordMetric('testMacroF1', f1.score(test.y, predicted));
model.save(`${out}/iris.kiln`);
const again = kiln.load(`${out}/iris.kiln`);
if (JSON.stringify(again.predict(testX).toArray()) !== JSON.stringify(predicted.toArray())) {
  throw new Error('the loaded model predicts differently');
}
console.log(`saved and reloaded ${out}/iris.kiln; provenance metrics ${JSON.stringify(again.provenance().metrics)}`);
