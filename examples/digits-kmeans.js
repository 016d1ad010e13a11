// Clustering without labels: k-means on scikit-learn's 8x8 digits (1,797 images, 64 pixels), 10 runs from
// k-means++ seeds, then how well the 10 clusters match the 10 digits (each cluster voting for its most common
// digit), and the distances of a new image to every center. (scikit-learn's KMeans(10, n_init=10) ends at inertia
// 1,165,172-1,165,290 for random_state 0-2; this run ends at 1,165,164.)
//   ./kiln run examples/digits-kmeans.js

const digits = kiln.data.load('digits');
const kmeans = kiln.model('kmeans', {k: 10, nInit: 10, seed: 0});
const fit = kmeans.fit(digits);
const clusters = kmeans.attributes().labels.toArray();
const truth = digits.y.toArray().flat();

const votes = Array.from({length: 10}, () => new Array(10).fill(0));
clusters.forEach((cluster, i) => votes[cluster][truth[i]]++);
const majority = votes.map(counts => counts.indexOf(Math.max(...counts)));
const purity = votes.reduce((sum, counts) => sum + Math.max(...counts), 0) / clusters.length;
const sizes = votes.map(counts => counts.reduce((a, b) => a + b, 0));
console.log(`inertia ${kmeans.attributes().inertia.toFixed(0)} after ${fit.epochs} iterations of the best run ` +
            `(${fit.seconds.toFixed(2)} s for all 10)`);
console.log(`cluster sizes ${sizes.join(' ')}; their majority digits ${majority.join(' ')}; purity ` +
            `${purity.toFixed(3)}`);

const first = digits.x.toArray().slice(0, 1);
const distances = kmeans.transform(first).toArray()[0];
console.log(`image 0 (a ${truth[0]}) is nearest to cluster ${kmeans.predict(first).toArray()[0]} (majority ` +
            `digit ${majority[clusters[0]]}), at distance ${Math.min(...distances).toFixed(1)}`);
if (purity < 0.7) {
  throw new Error(`cluster purity ${purity} is below 0.7`);
}
