// Reference face detections for SsdFaceDetectorParityTest, computed by face-api itself with
// its default detector, SSD MobileNet v1.
//
// Usage: node face-api-ssd-detections.mjs PACKAGE_DIR OUT_DIR [--raw NAME] IMAGE.ppm...
//   PACKAGE_DIR  the unpacked npm package @vladmandic/face-api@1.7.15 (`npm pack`, then
//                `tar xzf` it; the directory holding dist/ and model/)
//   OUT_DIR      where the fixtures go (faces/src/test/resources/detections)
//   --raw NAME   also write, for the image called NAME, the network's decoded boxes and scores
//   IMAGE.ppm    binary PPM (P6, 8 bits) of each photo, written by JpegToPpm.java beside this
//                file (Node has no JPEG decoder offline):
//                  java faces/src/test/node/JpegToPpm.java /tmp/ppm PACKAGE_DIR/demo/sample*.jpg
//
// Writes, for each image NAME:
//   OUT_DIR/NAME-ssd.txt      face-api's SsdMobilenetv1.locateFaces at its defaults
//                             (minConfidence 0.5, maxResults 100, IoU 0.5): '#' header lines
//                             (versions, image size, sha256 of the RGB bytes), then one face per
//                             line, "x y width height score", in image pixels, as face-api returns
//                             them, best score first.
// and with --raw NAME:
//   OUT_DIR/NAME-ssd.raw.txt  SsdMobilenetv1.forwardInput's output for that image: per anchor
//                             (5118), "ymin xmin ymax xmax score", the box relative to the padded
//                             512×512 square, the score after the sigmoid.
//
// The committed fixtures were made with:
//   java faces/src/test/node/JpegToPpm.java /tmp/ppm PACKAGE_DIR/demo/sample*.jpg
//   node faces/src/test/node/face-api-ssd-detections.mjs PACKAGE_DIR /tmp/det --raw sample1 /tmp/ppm/sample*.ppm
//   cp /tmp/det/sample*-ssd*.txt faces/src/test/resources/detections/
//
// Like face-api-detections.mjs it runs the package's own browser bundle (dist/face-api.esm.js)
// on the tfjs CPU backend (face-api-esm.mjs) and gives the detector a tf.Tensor3D of the photo.
import fs from 'fs';
import path from 'path';
import { loadFaceApi, loadNet, readPhoto, takeOption } from './face-api-esm.mjs';

const args = process.argv.slice(2);
const rawName = takeOption(args, '--raw');
const [packageDir, outDir, ...images] = args;
if (!packageDir || !outDir || images.length === 0 || rawName === '') {
  console.error('usage: node face-api-ssd-detections.mjs PACKAGE_DIR OUT_DIR [--raw NAME] IMAGE.ppm...');
  process.exit(2);
}

const { faceapi, tf } = await loadFaceApi(packageDir);
const net = loadNet(tf, packageDir, new faceapi.SsdMobilenetv1(), 'ssd_mobilenetv1_model');

fs.mkdirSync(outDir, { recursive: true });
for (const image of images) {
  const { name, width, height, sha256, tensor } = readPhoto(tf, image);
  const options = new faceapi.SsdMobilenetv1Options();
  const faces = await net.locateFaces(tensor, options);
  const lines = [
    `# face-api ${faceapi.version} SsdMobilenetv1.locateFaces, tfjs ${tf.version_core} on ${tf.getBackend()}`,
    `# minConfidence ${options.minConfidence}, maxResults ${options.maxResults}, iouThreshold 0.5`,
    `# image ${name} ${width}x${height}, rgb sha256 ${sha256}`,
    '# x y width height score (image pixels)',
    ...faces.map((f) => `${f.box.x} ${f.box.y} ${f.box.width} ${f.box.height} ${f.score}`),
  ];
  fs.writeFileSync(path.join(outDir, `${name}-ssd.txt`), lines.join('\n') + '\n');
  console.log(`${name}: ${faces.length} faces`);
  if (name === rawName) {
    const netInput = await faceapi.toNetInput(tensor);
    const { boxes, scores } = net.forwardInput(netInput);
    const b = await boxes[0].data();
    const s = await scores[0].data();
    const raw = [];
    for (let i = 0; i < s.length; i++) {
      raw.push(`${b[4 * i]} ${b[4 * i + 1]} ${b[4 * i + 2]} ${b[4 * i + 3]} ${s[i]}`);
    }
    fs.writeFileSync(path.join(outDir, `${name}-ssd.raw.txt`), raw.join('\n') + '\n');
    console.log(`${name} raw: ${s.length} anchors`);
    boxes.forEach((t) => t.dispose());
    scores.forEach((t) => t.dispose());
  }
  tensor.dispose();
}
