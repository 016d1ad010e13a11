// A small convolutional network on scikit-learn's 8x8 digits: two 3x3 convolutions (16 and 32 filters, padded),
// each followed by ReLU and 2x2 max pooling, then a dense layer of 64 and the 10-class output, trained with Adam.
//   ./kiln run examples/digits-cnn.js

const digits = kiln.data.load('digits');
const [train, test] = digits.split(0.8, {seed: 3, stratify: true});
const scaler = kiln.model('min-max');
scaler.fit(train);
const trainSet = kiln.data.fromArrays(scaler.transform(train.x), train.y);

const cnn = kiln.model('cnn', {input: [1, 8, 8], filters: [16, 32], kernel: 3, padding: [1, 1], pool: 2, dense: [64]});
const fit = cnn.fit(trainSet, {optimizer: kiln.optimizer('adam', {lr: 0.005}), epochs: 10, batchSize: 32, seed: 1});
const accuracy = kiln.metric('accuracy').score(test.y, cnn.predict(scaler.transform(test.x)));
console.log(`loss ${fit.losses[0].toFixed(3)} -> ${fit.finalLoss.toFixed(4)} in ${fit.seconds.toFixed(1)} s; ` +
            `training accuracy ${fit.accuracies[fit.accuracies.length - 1].toFixed(3)}, test accuracy ` +
            `${accuracy.toFixed(3)}`);
if (accuracy < 0.95) {
  throw new Error(`test accuracy ${accuracy} is below 0.95`);
}
