// face-api's own descriptor speed on the dlib ResNet-29 weights, for docs/BENCHMARKS.md.
//
// Usage: node face-api-bench.mjs [--backend wasm|cpu] [--batch N] [--seconds S] [--warmup W]
//                                PACKAGE_DIR IMAGE.rgb...
//   PACKAGE_DIR, setup: see the top of face-api-reference.mjs
//   IMAGE.rgb    150×150 RGB crops (e.g. models/src/test/resources/parity/face-*.rgb), used in
//                turn to fill each batch
//   --batch      faces per call (default 1): an array of N [150, 150, 3] tensors, which
//                face-api stacks into one [N, 150, 150, 3] batch for one forward pass
//   --seconds    how long to time (default 20), after --warmup calls (default 3)
// Times faceapi.nets.faceRecognitionNet.computeFaceDescriptor, which returns the descriptors
// as Float32Arrays (tensor to batch, normalisation, the network, and reading the result back),
// and prints faces/s with the median and fastest call. The tfjs WASM backend runs on one
// thread in Node.js (tfjs-backend-wasm 4.22 turns WebAssembly threads off under Node), with
// SIMD.
import { loadFaceApi, describe, loadNet, readRgb, options } from './face-api-node.mjs';

const [opts, args] = options(process.argv.slice(2), { backend: 'wasm', batch: 1, seconds: 20, warmup: 3 });
const [packageDir, ...images] = args;
if (!packageDir || images.length === 0 || !(opts.batch >= 1)) {
  console.error('usage: node face-api-bench.mjs [--backend wasm|cpu] [--batch N] [--seconds S] [--warmup W] PACKAGE_DIR IMAGE.rgb...');
  process.exit(2);
}
const { faceapi, tf } = await loadFaceApi(packageDir, opts.backend);
console.log(await describe(faceapi, tf));
const net = await loadNet(faceapi, packageDir, 'faceRecognitionNet');
const tensorsBefore = tf.memory().numTensors;

const crops = images.map((file) => readRgb(tf, file));
const input = Array.from({ length: opts.batch }, (_, i) => crops[i % crops.length]);
// One tensor is a single input; an array, even of one, is a batch (face-api returns an array).
const call = () => net.computeFaceDescriptor(opts.batch === 1 ? input[0] : input);

for (let i = 0; i < opts.warmup; i++) {
  await call();
}
const times = [];
const start = performance.now();
while (performance.now() - start < opts.seconds * 1000) {
  const t0 = performance.now();
  const result = await call();
  times.push(performance.now() - t0);
  const count = opts.batch === 1 ? 1 : result.length;
  if (count !== opts.batch) {
    throw new Error(`face-api returned ${count} descriptors for a batch of ${opts.batch}`);
  }
}
const total = times.reduce((a, b) => a + b, 0);
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
console.log(`batch ${opts.batch}: ${times.length} calls in ${(total / 1000).toFixed(1)} s: `
  + `${((times.length * opts.batch * 1000) / total).toFixed(2)} faces/s mean, `
  + `${((opts.batch * 1000) / median).toFixed(2)} faces/s at the median call (${median.toFixed(1)} ms), `
  + `${((opts.batch * 1000) / times[0]).toFixed(2)} at the fastest (${times[0].toFixed(1)} ms)`);
const leaked = tf.memory().numTensors - tensorsBefore - crops.length;
if (leaked !== 0) {
  throw new Error(`${leaked} tensors leaked`);
}
