// Reference descriptors for FaceApiParityTest, computed by face-api itself.
//
// Usage: node face-api-reference.mjs PACKAGE_DIR IMAGE.rgb...
//   PACKAGE_DIR  the unpacked npm package @vladmandic/face-api@1.7.15 (`npm pack`, then
//                `tar xzf` it; the directory holding dist/ and model/)
//   IMAGE.rgb    150×150 RGB, 8 bits per channel, row-major, no header (67,500 bytes)
// Writes IMAGE.descriptor.txt beside each image: the 128 values of face-api's
// FaceRecognitionNet.forwardInput (not normalised), one per line.
//
// It runs the package's own browser bundle (dist/face-api.esm.js, which carries tfjs) on
// the tfjs CPU backend. The bundle expects a browser, so the script hides `process` while
// it loads, gives tfjs a minimal platform, and hands forwardInput a ready tensor instead of
// a DOM image.
import fs from 'fs';
import path from 'path';
import { pathToFileURL } from 'url';

const [packageDir, ...images] = process.argv.slice(2);
if (!packageDir || images.length === 0) {
  console.error('usage: node face-api-reference.mjs PACKAGE_DIR IMAGE.rgb...');
  process.exit(2);
}
const savedProcess = globalThis.process;
globalThis.process = undefined;
const faceapi = await import(pathToFileURL(path.join(packageDir, 'dist', 'face-api.esm.js')).href);
globalThis.process = savedProcess;

const tf = faceapi.tf;
tf.env().setPlatform('plain', {
  isTypedArray: (a) => ArrayBuffer.isView(a) && !(a instanceof DataView),
  now: () => performance.now(),
  encode: (text) => new TextEncoder().encode(text),
  decode: (bytes, encoding) => new TextDecoder(encoding).decode(bytes),
  fetch: (url, options) => fetch(url, options),
  setTimeoutCustom: setTimeout,
});
await tf.setBackend('cpu');
await tf.ready();

const modelDir = path.join(packageDir, 'model');
const manifest = JSON.parse(fs.readFileSync(path.join(modelDir, 'face_recognition_model-weights_manifest.json')));
const shards = manifest[0].paths.map((p) => fs.readFileSync(path.join(modelDir, p)));
const all = Buffer.concat(shards);
const weights = tf.io.decodeWeights(all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength), manifest[0].weights);
const net = new faceapi.FaceRecognitionNet();
net.loadFromWeightMap(weights);

for (const image of images) {
  const bytes = fs.readFileSync(image);
  if (bytes.length !== 150 * 150 * 3) {
    throw new Error(`${image}: expected 67500 bytes of 150×150 RGB, got ${bytes.length}`);
  }
  const input = tf.tensor4d(Float32Array.from(bytes), [1, 150, 150, 3]);
  const descriptor = net.forwardInput({ toBatchTensor: () => input });
  const values = await descriptor.data();
  fs.writeFileSync(image.replace(/\.rgb$/, '') + '.descriptor.txt', Array.from(values).join('\n') + '\n');
  console.log(`${image}: tfjs ${tf.version_core} on ${tf.getBackend()}, |d| = ${Math.hypot(...values).toFixed(6)}`);
}
