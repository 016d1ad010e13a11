// Seed 004's experiment as a Kiln pipeline: learn y = 2x + 1 from 10,000 points with per-sample SGD
// (learning rate 1e-4, 10 epochs), then compare with the exact least-squares fit.
//   ./kiln run examples/linear-regression.js

// A seeded generator (a 32-bit LCG), so the data is the same on every run and machine.
function randomInts(seed, count, bound) {
  let state = seed >>> 0;
  const out = [];
  for (let i = 0; i < count; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out.push(state % bound);
  }
  return out;
}

const f = (x) => 2 * x + 1;
const train = kiln.data.fromArrays(randomInts(4, 10000, 100).map((x) => [x]), randomInts(4, 10000, 100).map(f));
const evaluation = kiln.data.fromArrays(randomInts(5, 100, 100).map((x) => [x]), randomInts(5, 100, 100).map(f));

const sgd = kiln.model('linear-regression');
const fit = sgd.fit(train, {
  optimizer: kiln.optimizer('sgd', {lr: 1e-4}),
  epochs: 10,
  batchSize: 1,
  shuffle: false,
});
const {weight, bias} = sgd.parameters();
const w = weight.toArray().flat()[0];
const b = bias.toArray().flat()[0];
console.log(`per-sample SGD: w = ${w.toFixed(5)}, b = ${b.toFixed(5)} after ${fit.epochs} epochs ` +
            `(final loss ${fit.finalLoss.toExponential(3)}, ${fit.seconds.toFixed(1)} s)`);

const exact = kiln.model('linear-regression');
exact.fit(train);
const mse = kiln.metric('mse');
console.log(`evaluation MSE: SGD ${mse.score(evaluation.y, sgd.predict(evaluation.x)).toExponential(3)}, ` +
            `least squares ${mse.score(evaluation.y, exact.predict(evaluation.x)).toExponential(3)}`);

if (Math.abs(w - 2) >= 0.01 || Math.abs(b - 1) >= 0.02) {
  throw new Error(`SGD did not converge: w = ${w}, b = ${b}`);
}
