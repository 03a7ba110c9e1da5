// Reference face detections for TinyFaceDetectorParityTest, computed by face-api itself.
//
// Usage: node face-api-detections.mjs PACKAGE_DIR OUT_DIR SIZES [--raw SIZE] IMAGE.ppm...
//   PACKAGE_DIR  the unpacked npm package @vladmandic/face-api@1.7.15 (`npm pack`, then
//                `tar xzf` it; the directory holding dist/ and model/)
//   OUT_DIR      where the fixtures go (faces/src/test/resources/detections)
//   SIZES        comma-separated input sizes of the detector, e.g. 416,512,608
//   --raw SIZE   also write, per image, the network's input and raw output at that size
//   IMAGE.ppm    binary PPM (P6, 8 bits) of each photo. Node has no JPEG decoder offline, so
//                the JPEGs are decoded on the Java side, to the pixels the test decodes (it
//                checks the sha256 recorded in each fixture):
//                  java faces/src/test/node/JpegToPpm.java /tmp/ppm PACKAGE_DIR/demo/sample*.jpg
//
// Writes, for each image NAME and size S:
//   OUT_DIR/NAME-S.txt          face-api's TinyFaceDetector.locateFaces at inputSize S and
//                               scoreThreshold 0.5 (its defaults but the size): '#' header lines
//                               (versions, image size, sha256 of the RGB bytes), then one face per
//                               line, "x y width height score", in image pixels, as face-api
//                               returns them (not clipped to the image), best score first.
// and with --raw SIZE:
//   OUT_DIR/NAME-SIZE.input.f32 the tensor face-api feeds the network before mean subtraction
//                               (NetInput.toBatchTensor: zero-pad bottom/right to a square, tfjs
//                               resizeBilinear to SIZE×SIZE), float32 little-endian, HWC order
//   OUT_DIR/NAME-SIZE.output.txt TinyYolov2Base.forwardInput's output, HWC order
//                               [SIZE/32, SIZE/32, 25], one value per line
//
// The committed fixtures were made with (the repository keeps the raw files of sample1 only):
//   java faces/src/test/node/JpegToPpm.java /tmp/ppm PACKAGE_DIR/demo/sample*.jpg
//   node faces/src/test/node/face-api-detections.mjs PACKAGE_DIR /tmp/det 416,512,608 --raw 64 /tmp/ppm/sample*.ppm
//   cp /tmp/det/sample*-{416,512,608}.txt /tmp/det/sample1-64.* faces/src/test/resources/detections/
//
// It runs the package's own browser bundle (dist/face-api.esm.js, which carries tfjs) on the
// tfjs CPU backend, loaded by face-api-esm.mjs beside it; the detector gets a tf.Tensor3D of
// the photo (the tensor path of NetInput, not a DOM canvas).
import fs from 'fs';
import path from 'path';
import { loadFaceApi, loadNet, readPhoto, takeOption } from './face-api-esm.mjs';

const args = process.argv.slice(2);
const rawOption = takeOption(args, '--raw');
const rawSize = rawOption === null ? 0 : Number(rawOption);
const [packageDir, outDir, sizeList, ...images] = args;
const sizes = (sizeList || '').split(',').filter((s) => s).map(Number);
if (!packageDir || !outDir || sizes.length === 0 || images.length === 0 || sizes.some((s) => !(s > 0 && s % 32 === 0))
    || (rawOption !== null && !(rawSize > 0 && rawSize % 32 === 0))) {
  console.error('usage: node face-api-detections.mjs PACKAGE_DIR OUT_DIR SIZES [--raw SIZE] IMAGE.ppm...');
  console.error('  SIZES and SIZE: multiples of 32, e.g. 416,512,608');
  process.exit(2);
}

const { faceapi, tf } = await loadFaceApi(packageDir);
const net = loadNet(tf, packageDir, new faceapi.TinyFaceDetector(), 'tiny_face_detector_model');

fs.mkdirSync(outDir, { recursive: true });
for (const image of images) {
  const { name, width, height, sha256, tensor } = readPhoto(tf, image);
  for (const inputSize of sizes) {
    const options = new faceapi.TinyFaceDetectorOptions({ inputSize, scoreThreshold: 0.5 });
    const faces = await net.locateFaces(tensor, options);
    const lines = [
      `# face-api ${faceapi.version} TinyFaceDetector.locateFaces, tfjs ${tf.version_core} on ${tf.getBackend()}`,
      `# inputSize ${options.inputSize}, scoreThreshold ${options.scoreThreshold}, iouThreshold ${net.config.iouThreshold}`,
      `# image ${name} ${width}x${height}, rgb sha256 ${sha256}`,
      '# x y width height score (image pixels, not clipped)',
      ...faces.map((f) => `${f.box.x} ${f.box.y} ${f.box.width} ${f.box.height} ${f.score}`),
    ];
    fs.writeFileSync(path.join(outDir, `${name}-${inputSize}.txt`), lines.join('\n') + '\n');
    console.log(`${name} at ${inputSize}: ${faces.length} faces`);
  }
  if (rawSize) {
    const netInput = await faceapi.toNetInput(tensor);
    const batch = netInput.toBatchTensor(rawSize, false);
    const input = await batch.data();
    fs.writeFileSync(path.join(outDir, `${name}-${rawSize}.input.f32`), Buffer.from(input.buffer, input.byteOffset, input.byteLength));
    const output = net.forwardInput(netInput, rawSize);
    const values = await output.data();
    fs.writeFileSync(path.join(outDir, `${name}-${rawSize}.output.txt`), Array.from(values).join('\n') + '\n');
    console.log(`${name} raw at ${rawSize}: output ${output.shape.join('×')}`);
    batch.dispose();
    output.dispose();
  }
  tensor.dispose();
}
