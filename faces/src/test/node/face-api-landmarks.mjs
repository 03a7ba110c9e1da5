// Reference landmarks for FaceLandmarkerParityTest, computed by face-api itself.
//
// Usage:
//   java faces/src/test/node/JpegToPpm.java /tmp/ppm PACKAGE_DIR/demo/sample*.jpg
//   node faces/src/test/node/face-api-landmarks.mjs PACKAGE_DIR faces/src/test/resources/landmarks /tmp/ppm/*.ppm
//   PACKAGE_DIR  the unpacked npm package @vladmandic/face-api@1.7.15 (`npm pack`, then
//                `tar xzf` it; the directory holding dist/ and model/)
//   OUT_DIR      where NAME.json goes for each NAME.ppm (faces/src/test/resources/landmarks)
//   NAME.ppm     binary PPM (P6, 8-bit RGB), decoded by the JDK's ImageIO (JpegToPpm.java) as
//                ImageFiles decodes the JPEG in the Java test, so both sides see the same pixels; the
//                sha256 of the RGB bytes (header left out) is recorded and checked by the test
//
// For each image it runs face-api's TinyFaceDetector (input size 416, score threshold 0.5),
// snaps each detected box to whole pixels (x, y, width, height rounded), and runs face-api's
// own landmark step on those boxes as DetectAllFaceLandmarksTask does for a tensor input:
// extractFaceTensors (clip to the image, slice), FaceLandmark68Net.detectLandmarks (pad to a
// square, resizeBilinear to 112, mean/255, the net, postProcess), then shiftBy the box corner.
// Snapping matters: for a fractional box face-api crops from the floored corner but shifts
// the points by the unfloored one; with whole-pixel boxes both agree and the fixture pins
// the landmark step alone. The detector's raw box is kept in the fixture for reference.
// One more box per image, marked "variant": "tall", is taller than wide (see below).
//
// It runs the package's browser bundle (dist/face-api.esm.js, which carries tfjs) on the
// tfjs CPU backend, loaded by face-api-esm.mjs beside it.
import crypto from 'crypto';
import fs from 'fs';
import path from 'path';
import { loadFaceApi, loadNet, readPpm } from './face-api-esm.mjs';

const [packageDir, outDir, ...images] = process.argv.slice(2);
if (!packageDir || !outDir || images.length === 0) {
  console.error('usage: node face-api-landmarks.mjs PACKAGE_DIR OUT_DIR IMAGE.ppm...');
  process.exit(2);
}
const { faceapi, tf } = await loadFaceApi(packageDir);
const detector = loadNet(tf, packageDir, new faceapi.TinyFaceDetector(), 'tiny_face_detector_model');
const landmarkNet = loadNet(tf, packageDir, new faceapi.FaceLandmark68Net(), 'face_landmark_68_model');
const options = new faceapi.TinyFaceDetectorOptions({ inputSize: 416, scoreThreshold: 0.5 });

for (const image of images) {
  const { width, height, rgb } = readPpm(image);
  const tensor = tf.tensor3d(Int32Array.from(rgb), [height, width, 3], 'int32');
  const detections = await detector.locateFaces(tensor, options);
  const faces = [];
  const addFace = async (box, extra) => {
    const [face] = await faceapi.extractFaceTensors(tensor, [box]);
    const landmarks = (await landmarkNet.detectLandmarks(face)).shiftBy(box.x, box.y);
    face.dispose();
    faces.push({
      ...extra,
      box: { x: box.x, y: box.y, width: box.width, height: box.height },
      landmarks: landmarks.positions.map((p) => [p.x, p.y]),
    });
  };
  const sorted = detections.sort((a, b) => a.box.x - b.box.x);
  for (const detection of sorted) {
    const raw = detection.box;
    const box = new faceapi.Rect(Math.round(raw.x), Math.round(raw.y), Math.round(raw.width), Math.round(raw.height));
    await addFace(box, { detector: { x: raw.x, y: raw.y, width: raw.width, height: raw.height, score: detection.score } });
  }
  if (sorted.length > 0) {
    // The detector's boxes are all wider than tall; one taller-than-wide box per image (the
    // first face's, 0.8 as wide and 1.2 as tall, same centre) exercises padding at the sides.
    const b = faces[0].box;
    const width = Math.round(b.width * 0.8);
    const height = Math.round(b.height * 1.2);
    await addFace(new faceapi.Rect(b.x + Math.round((b.width - width) / 2), b.y - Math.round((height - b.height) / 2),
      width, height), { variant: 'tall' });
  }
  tensor.dispose();
  const name = path.basename(image).replace(/\.ppm$/, '');
  const fixture = {
    image: name, width, height,
    rgbSha256: crypto.createHash('sha256').update(rgb).digest('hex'),
    faceApi: '1.7.15', tfjs: tf.version_core, backend: tf.getBackend(),
    faces,
  };
  fs.writeFileSync(path.join(outDir, `${name}.json`), JSON.stringify(fixture, null, 1) + '\n');
  console.log(`${image}: ${faces.length} faces, tfjs ${tf.version_core} on ${tf.getBackend()}`);
}
