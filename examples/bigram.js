// A character bigram language model, fitted two ways (counts with add-one smoothing, and gradient
// descent on its logit table with SGD), then text from a prompt by greedy decoding, beam search and sampling.
//   ./kiln run examples/bigram.js

// The first lines of "The Raven" by Edgar Allan Poe (1845), in the public domain.
const text = `Once upon a midnight dreary, while I pondered, weak and weary,
Over many a quaint and curious volume of forgotten lore,
While I nodded, nearly napping, suddenly there came a tapping,
As of some one gently rapping, rapping at my chamber door.
"'Tis some visitor," I muttered, "tapping at my chamber door,
Only this, and nothing more."`;

const vocab = kiln.text.vocabulary(text);
const pairs = kiln.data.nextToken(vocab.encode(text));
console.log(`${vocab.size} characters, ${pairs.size} (character, next character) pairs`);

const counted = kiln.model('bigram', {smoothing: 1});
counted.fit(pairs);

const learned = kiln.model('bigram');
const fit = learned.fit(pairs, {optimizer: kiln.optimizer('sgd', {lr: 5, momentum: 0.9}), epochs: 40,
                                batchSize: 64, seed: 1});
console.log(`SGD: loss ${fit.losses[0].toFixed(3)} -> ${fit.finalLoss.toFixed(3)} nats per character`);

const accuracy = kiln.metric('accuracy');
console.log(`next-character accuracy: counts ${accuracy.score(pairs.y, counted.predict(pairs.x)).toFixed(3)}, ` +
            `SGD ${accuracy.score(pairs.y, learned.predict(pairs.x)).toFixed(3)}`);

const decoders = {
  greedy: kiln.decoder('greedy'),
  'beam 4': kiln.decoder('beam', {beams: 4}),
  'sample T=0.7 top-k 4': kiln.decoder('sample', {temperature: 0.7, topK: 4}),
};
for (const prompt of ['O', 'w', 'ch']) {
  for (const [name, decoder] of Object.entries(decoders)) {
    const out = decoder.decode(counted, vocab.encode(prompt), {maxTokens: 24, seed: 7});
    console.log(`${name.padEnd(22)} ${JSON.stringify(prompt)} -> ${JSON.stringify(prompt + vocab.decode(out.tokens))}` +
                ` (log p = ${out.logProbability.toFixed(2)})`);
  }
}

if (!(fit.finalLoss < fit.losses[0])) {
  throw new Error('gradient training did not reduce the loss');
}
