// Shared by face-api-detections.mjs and face-api-landmarks.mjs beside this file (usage at their
// tops): loads the face-api package's own browser bundle (dist/face-api.esm.js, which carries
// tfjs) on the tfjs CPU backend in Node, without a DOM; reads the package's weights; reads the
// binary PPM images that JpegToPpm.java writes.
//
// PACKAGE_DIR is the unpacked npm package @vladmandic/face-api@1.7.15 (`npm pack`, then
// `tar xzf` it; the directory holding dist/ and model/).
import crypto from 'crypto';
import fs from 'fs';
import path from 'path';
import { pathToFileURL } from 'url';

/**
 * Loads the bundle and readies tfjs: `process` is hidden while the bundle loads, so that its
 * checks for Node (`typeof process`) take the browser paths this build is made for; tfjs gets
 * a minimal platform and the CPU backend; face-api gets an environment whose media classes
 * nothing is an instance of, so that every input takes the tensor path of NetInput (no
 * canvas, image or video is ever made, and no file or URL fetched).
 */
export async function loadFaceApi(packageDir) {
  const bundle = path.resolve(packageDir, 'dist', 'face-api.esm.js');
  if (!fs.existsSync(bundle)) {
    throw new Error(`${bundle} not found: PACKAGE_DIR must hold @vladmandic/face-api@1.7.15`);
  }
  const savedProcess = globalThis.process;
  globalThis.process = undefined;
  let faceapi;
  try {
    faceapi = await import(pathToFileURL(bundle).href);
  } finally {
    globalThis.process = savedProcess;
  }
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
  class NoMedia {}
  const noDom = () => { throw new Error('face-api-esm.mjs: no DOM here; pass tensors'); };
  faceapi.env.setEnv({
    Canvas: NoMedia, CanvasRenderingContext2D: NoMedia, Image: NoMedia, ImageData: NoMedia, Video: NoMedia,
    createCanvasElement: noDom, createImageElement: noDom, createVideoElement: noDom, fetch: noDom, readFile: noDom,
  });
  return { faceapi, tf };
}

/** Gives `net` the weights of PACKAGE_DIR/model/NAME-weights_manifest.json and its shards; returns `net`. */
export function loadNet(tf, packageDir, net, name) {
  const modelDir = path.join(packageDir, 'model');
  const manifest = JSON.parse(fs.readFileSync(path.join(modelDir, `${name}-weights_manifest.json`)));
  const all = Buffer.concat(manifest[0].paths.map((p) => fs.readFileSync(path.join(modelDir, p))));
  net.loadFromWeightMap(tf.io.decodeWeights(all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength),
    manifest[0].weights));
  return net;
}

/** Reads a binary PPM: "P6", width, height, 255, each followed by whitespace, then RGB bytes. */
export function readPpm(file) {
  const bytes = fs.readFileSync(file);
  const fields = [];
  let at = 0;
  while (fields.length < 4 && at < bytes.length) {
    while (at < bytes.length && /\s/.test(String.fromCharCode(bytes[at]))) at++;
    const start = at;
    while (at < bytes.length && !/\s/.test(String.fromCharCode(bytes[at]))) at++;
    fields.push(bytes.subarray(start, at).toString('ascii'));
  }
  at++; // the single whitespace byte before the pixels
  const [magic, width, height, max] = [fields[0], Number(fields[1]), Number(fields[2]), Number(fields[3])];
  const rgb = bytes.subarray(at);
  if (magic !== 'P6' || max !== 255 || !(width > 0 && height > 0) || rgb.length !== width * height * 3) {
    throw new Error(`${file}: expected a binary 8-bit PPM (P6) with ${width}×${height}×3 bytes of pixels`);
  }
  return { width, height, rgb };
}

/**
 * Removes `flag VALUE` from `args` and returns VALUE: null when the flag is absent, '' when it
 * is the last argument (no value).
 */
export function takeOption(args, flag) {
  const at = args.indexOf(flag);
  if (at < 0) return null;
  const value = args[at + 1] || '';
  args.splice(at, 2);
  return value;
}

/**
 * A photo for a detector: its name (the file name without .ppm), size, RGB bytes, their sha256
 * (the fixtures record it, the tests check it) and a float32 tf.Tensor3D [height, width, 3].
 */
export function readPhoto(tf, file) {
  const { width, height, rgb } = readPpm(file);
  return {
    name: path.basename(file).replace(/\.ppm$/, ''),
    width,
    height,
    rgb,
    sha256: crypto.createHash('sha256').update(rgb).digest('hex'),
    tensor: tf.tensor3d(Float32Array.from(rgb), [height, width, 3]),
  };
}
