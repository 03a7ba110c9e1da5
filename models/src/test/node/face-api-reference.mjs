// Reference descriptors for the parity tests (FaceApiParityTest, OrtNetworkDlibTest),
// computed by face-api itself: @vladmandic/face-api 1.7.15's Node.js bundle
// dist/face-api.node-wasm.js on the tfjs 4.22.0 WASM backend.
//
// Setup, once (Node 18 or later; tested with Node 20.20 and npm 11), in a scratch directory
// outside the repository; the versions are the ones face-api 1.7.15's package.json and the
// header of dist/face-api.node-wasm.js name (tfjs 4.22.0; the bundle requires
// @tensorflow/tfjs and @tensorflow/tfjs-backend-wasm and carries neither):
//
//   mkdir -p /tmp/faceapi-wasm && cd /tmp/faceapi-wasm && npm init -y
//   npm install --save-exact --no-audit --no-fund @vladmandic/face-api@1.7.15 \
//       @tensorflow/tfjs@4.22.0 @tensorflow/tfjs-backend-wasm@4.22.0 @canvas/image@2.0.0
//   PKG=/tmp/faceapi-wasm/node_modules/@vladmandic/face-api
//
// (@canvas/image, the JPEG decoder face-api's own Node demos use, is only needed by
// face-api-crops.mjs.) The WASM binaries ship inside @tensorflow/tfjs-backend-wasm and are
// read from disk; nothing is fetched at run time. Another unpacked copy of the whole package
// (`npm pack @vladmandic/face-api@1.7.15`, then `tar xzf`; not the tests' cache, which keeps
// only model/ and demo/) works as PKG with NODE_PATH=/tmp/faceapi-wasm/node_modules set.
//
// Regenerating the fixtures in models/src/test/resources/parity (from the repository root):
//
//   D=models/src/test/resources/parity
//   node models/src/test/node/face-api-crops.mjs "$PKG" "$D"        # the face-*.rgb crops
//   node models/src/test/node/face-api-reference.mjs "$PKG" "$D"/*.rgb
//
// face-api's own speed on the same weights (docs/BENCHMARKS.md):
//
//   node models/src/test/node/face-api-bench.mjs --batch 1 "$PKG" "$D"/face-*.rgb
//   node models/src/test/node/face-api-bench.mjs --batch 32 "$PKG" "$D"/face-*.rgb
//
// Usage: node face-api-reference.mjs [--backend wasm|cpu] PACKAGE_DIR IMAGE.rgb...
//   PACKAGE_DIR  the unpacked npm package @vladmandic/face-api@1.7.15 (dist/ and model/)
//   IMAGE.rgb    150×150 RGB, 8 bits per channel, row-major, no header (67,500 bytes)
//   --backend    wasm (default, the reference) or cpu (tfjs' JavaScript kernels, same bundle)
// Writes IMAGE.descriptor.txt beside each image: the 128 values face-api's
// FaceRecognitionNet.computeFaceDescriptor returns (the fc output, not normalised), one per
// line, as JavaScript prints a float32 widened to a double (exact).
import fs from 'fs';
import { loadFaceApi, describe, loadNet, readRgb, options } from './face-api-node.mjs';

const [opts, args] = options(process.argv.slice(2), { backend: 'wasm' });
const [packageDir, ...images] = args;
if (!packageDir || images.length === 0) {
  console.error('usage: node face-api-reference.mjs [--backend wasm|cpu] PACKAGE_DIR IMAGE.rgb...');
  process.exit(2);
}
const { faceapi, tf } = await loadFaceApi(packageDir, opts.backend);
console.log(await describe(faceapi, tf));
const net = await loadNet(faceapi, packageDir, 'faceRecognitionNet');

for (const image of images) {
  const input = readRgb(tf, image);
  const descriptor = await net.computeFaceDescriptor(input);
  input.dispose();
  if (descriptor.length !== 128) {
    throw new Error(`${image}: face-api returned ${descriptor.length} values, expected 128`);
  }
  fs.writeFileSync(image.replace(/\.rgb$/, '') + '.descriptor.txt', Array.from(descriptor).join('\n') + '\n');
  console.log(`${image}: |d| = ${Math.hypot(...descriptor).toFixed(6)}`);
}
