// A multi-layer perceptron on scikit-learn's 8x8 digits, trained with Adam and a cosine schedule.
//   ./kiln run examples/digits-mlp.js

const digits = kiln.data.load('digits');
const [train, test] = digits.split(0.8, {seed: 3, stratify: true});
const scaler = kiln.model('min-max');
scaler.fit(train);
const trainSet = kiln.data.fromArrays(scaler.transform(train.x), train.y);

const mlp = kiln.model('mlp', {hidden: [64], activation: 'relu'});
const fit = mlp.fit(trainSet, {
  optimizer: kiln.optimizer('adam', {lr: 0.01, schedule: 'cosine', tMax: 20 * 45}),
  epochs: 20, batchSize: 32, seed: 1,
});
const accuracy = kiln.metric('accuracy').score(test.y, mlp.predict(scaler.transform(test.x)));
const trainingAccuracy = fit.accuracies[fit.accuracies.length - 1];
console.log(`loss ${fit.losses[0].toFixed(3)} -> ${fit.finalLoss.toFixed(4)} in ${fit.seconds.toFixed(1)} s; ` +
            `training accuracy ${trainingAccuracy.toFixed(3)}, test accuracy ${accuracy.toFixed(3)}`);
if (accuracy < 0.95) {
  throw new Error(`test accuracy ${accuracy} is below 0.95`);
}
