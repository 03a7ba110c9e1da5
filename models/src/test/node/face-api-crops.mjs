// Cuts the real-face parity fixtures (150×150 RGB crops) out of face-api's demo photos,
// with face-api itself finding the faces on the tfjs WASM backend.
//
// Usage: node face-api-crops.mjs [--all 1] PACKAGE_DIR OUT_DIR
//   PACKAGE_DIR, setup: see the top of face-api-reference.mjs (this script also needs
//                @canvas/image@2.0.0 there, the JPEG decoder face-api's own Node demos use).
//   OUT_DIR      where NAME.rgb files go (150×150 RGB, 8 bits per channel, row-major, no header)
//   --all 1      instead of the FIXTURES table: every face in every demo/sample*.jpg, as
//                sampleN-faceK.rgb, to choose fixtures from
// Then compute their descriptors with face-api-reference.mjs.
//
// How a crop is made, for every fixture:
//  1. decode PACKAGE_DIR/demo/sampleN.jpg (@canvas/image, libjpeg-turbo) to RGB;
//  2. detect faces with face-api's SSD MobileNet v1 (minConfidence 0.5) and its 68-point
//     landmarks (faceLandmark68Net); take the face whose alignedRect contains the table's
//     point (x, y): alignedRect is the box face-api itself cuts out for FaceRecognitionNet;
//  3. make that box square around its centre, side = max(width, height) × scale, moved by
//     (dx, dy) × side (scale 1, no move for the plain fixtures; the "-shifted" ones test that a
//     slightly different crop of the same face stays close), rounded to whole pixels;
//  4. resize the square to 150×150 with tf.image.resizeBilinear(alignCorners false, half-pixel
//     centres false), the call face-api's NetInput.toBatchTensor makes, then round to bytes.
// A face-api descriptor from the full pipeline would see the same pixels up to that rounding
// and to face-api padding its box to a square with black instead of widening it.
import fs from 'fs';
import path from 'path';
import { loadFaceApi, describe, loadNet, options, SIZE } from './face-api-node.mjs';

// name, demo photo, a point inside the face's alignedRect, and the crop's move and scale.
// Six different people, one from each demo photo (chosen by eye from `--all 1`'s crops:
// the most frontal face of each photo).
export const FIXTURES = [
  { name: 'face-1', sample: 'sample1.jpg', x: 1560, y: 340 },
  { name: 'face-2', sample: 'sample2.jpg', x: 1544, y: 298 },
  { name: 'face-3', sample: 'sample3.jpg', x: 1591, y: 468 },
  { name: 'face-4', sample: 'sample4.jpg', x: 341, y: 332 },
  { name: 'face-5', sample: 'sample5.jpg', x: 686, y: 571 },
  { name: 'face-6', sample: 'sample6.jpg', x: 766, y: 512 },
  { name: 'face-1-shifted', sample: 'sample1.jpg', x: 1560, y: 340, dx: 0.04, dy: -0.03, scale: 1.06 },
  { name: 'face-5-shifted', sample: 'sample5.jpg', x: 686, y: 571, dx: -0.03, dy: 0.04, scale: 0.95 },
];

const [opts, args] = options(process.argv.slice(2), { all: 0 });
const [packageDir, outDir] = args;
if (!packageDir || !outDir) {
  console.error('usage: node face-api-crops.mjs [--all 1] PACKAGE_DIR OUT_DIR');
  process.exit(2);
}
const { faceapi, tf, require } = await loadFaceApi(packageDir, 'wasm');
const image = require('@canvas/image');
console.log(await describe(faceapi, tf));
await loadNet(faceapi, packageDir, 'ssdMobilenetv1');
await loadNet(faceapi, packageDir, 'faceLandmark68Net');

async function faces(sample) {
  const decoded = image.getImageData(await image.imageFromBuffer(fs.readFileSync(path.join(packageDir, 'demo', sample))));
  const rgb = tf.tidy(() => tf.slice(tf.tensor3d(decoded.data, [decoded.height, decoded.width, 4], 'int32'), [0, 0, 0], [-1, -1, 3]));
  const found = await faceapi.detectAllFaces(rgb, new faceapi.SsdMobilenetv1Options({ minConfidence: 0.5 })).withFaceLandmarks();
  return { rgb, boxes: found.map((f) => f.alignedRect.box) };
}

function crop(rgb, box, { dx = 0, dy = 0, scale = 1 }) {
  const [height, width] = rgb.shape;
  const side = Math.max(box.width, box.height) * scale;
  const cx = box.x + box.width / 2 + dx * side;
  const cy = box.y + box.height / 2 + dy * side;
  const s = Math.round(side);
  const x0 = Math.round(cx - side / 2);
  const y0 = Math.round(cy - side / 2);
  if (x0 < 0 || y0 < 0 || x0 + s > width || y0 + s > height) {
    throw new Error(`crop ${x0},${y0} ${s}×${s} leaves the ${width}×${height} image`);
  }
  const bytes = tf.tidy(() => {
    const square = tf.slice(rgb, [y0, x0, 0], [s, s, 3]).toFloat().expandDims(0);
    const resized = tf.image.resizeBilinear(square, [SIZE, SIZE], false, false);
    return tf.clipByValue(tf.round(resized), 0, 255).toInt();
  });
  const data = Uint8Array.from(bytes.dataSync());
  bytes.dispose();
  return { data, where: `${x0},${y0} ${s}×${s}` };
}

fs.mkdirSync(outDir, { recursive: true });
const cache = new Map();
async function facesOf(sample) {
  if (!cache.has(sample)) {
    cache.set(sample, await faces(sample));
  }
  return cache.get(sample);
}

const jobs = [];
if (opts.all) {
  for (const sample of fs.readdirSync(path.join(packageDir, 'demo')).filter((f) => /^sample\d+\.jpg$/.test(f)).sort()) {
    (await facesOf(sample)).boxes.forEach((box, k) => jobs.push({ name: `${sample.replace(/\.jpg$/, '')}-face${k + 1}`, sample, box }));
  }
} else {
  for (const fixture of FIXTURES) {
    const { boxes } = await facesOf(fixture.sample);
    const hits = boxes.filter((b) => fixture.x >= b.x && fixture.x < b.x + b.width && fixture.y >= b.y && fixture.y < b.y + b.height);
    if (hits.length !== 1) {
      throw new Error(`${fixture.name}: ${hits.length} faces of ${fixture.sample} contain (${fixture.x}, ${fixture.y}), expected 1`);
    }
    jobs.push({ ...fixture, box: hits[0] });
  }
}
for (const job of jobs) {
  const { data, where } = crop(cache.get(job.sample).rgb, job.box, job);
  const file = path.join(outDir, `${job.name}.rgb`);
  fs.writeFileSync(file, data);
  const b = job.box;
  console.log(`${file}: ${job.sample} alignedRect ${b.x.toFixed(1)},${b.y.toFixed(1)} ${b.width.toFixed(1)}×${b.height.toFixed(1)} → crop ${where}`);
}
