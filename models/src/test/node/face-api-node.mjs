// Shared by the face-api scripts beside this file: loads face-api's Node.js WASM bundle
// (dist/face-api.node-wasm.js) with the tfjs packages installed beside it, and reads the
// fixture format. Setup and usage: see the top of face-api-reference.mjs.
import fs from 'fs';
import path from 'path';
import { createRequire } from 'module';

export const SIZE = 150;
export const RGB_BYTES = SIZE * SIZE * 3;

/**
 * Loads face-api from PACKAGE_DIR (the unpacked @vladmandic/face-api@1.7.15) and selects a
 * tfjs backend: 'wasm' (the reference) or 'cpu' (tfjs' plain JavaScript kernels, same bundle).
 * The bundle requires @tensorflow/tfjs and @tensorflow/tfjs-backend-wasm; Node resolves them
 * from the node_modules folders above PACKAGE_DIR (or NODE_PATH), so tfjs, its WASM binaries
 * and face-api are the one instance the bundle itself uses.
 */
export async function loadFaceApi(packageDir, backend = 'wasm') {
  const bundle = path.resolve(packageDir, 'dist', 'face-api.node-wasm.js');
  if (!fs.existsSync(bundle)) {
    throw new Error(`${bundle} not found: PACKAGE_DIR must hold @vladmandic/face-api@1.7.15`);
  }
  const require = createRequire(bundle);
  const faceapi = require(bundle);
  const { tf } = faceapi;
  if (backend === 'wasm') {
    // The .wasm binaries ship inside the npm package: load them from disk, not from a CDN.
    const wasmDir = path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
    tf.setWasmPaths(wasmDir + path.sep);
  }
  if (!(await tf.setBackend(backend))) {
    throw new Error(`tfjs backend ${backend} failed to initialise`);
  }
  await tf.ready();
  if (tf.getBackend() !== backend) {
    throw new Error(`asked for tfjs backend ${backend}, got ${tf.getBackend()}`);
  }
  return { faceapi, tf, require };
}

/** One line on what runs: versions, backend, and for WASM whether SIMD and threads are in use. */
export async function describe(faceapi, tf) {
  let line = `face-api ${faceapi.version} (dist/face-api.node-wasm.js), tfjs ${tf.version_core} on ${tf.getBackend()}`;
  if (tf.getBackend() === 'wasm') {
    const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
    const threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
    line += ` (SIMD ${simd}, multithreading ${threads}, threads ${tf.getThreadsCount ? tf.getThreadsCount() : '?'})`;
  }
  return `${line}, Node ${process.version}`;
}

/** The face-api weights of one net, read by face-api's own disk loader. */
export async function loadNet(faceapi, packageDir, name) {
  await faceapi.nets[name].loadFromDisk(path.join(packageDir, 'model'));
  return faceapi.nets[name];
}

/** A fixture image (150×150 RGB bytes, row-major, no header) as a [150, 150, 3] float32 tensor. */
export function readRgb(tf, file) {
  const bytes = fs.readFileSync(file);
  if (bytes.length !== RGB_BYTES) {
    throw new Error(`${file}: expected ${RGB_BYTES} bytes of ${SIZE}×${SIZE} RGB, got ${bytes.length}`);
  }
  return tf.tensor3d(Float32Array.from(bytes), [SIZE, SIZE, 3], 'float32');
}

/** Parses `--name value` options off the front of argv; returns [options, rest]. */
export function options(argv, defaults) {
  const opts = { ...defaults };
  let i = 0;
  while (i < argv.length && argv[i].startsWith('--')) {
    const key = argv[i].slice(2);
    if (!(key in defaults) || i + 1 >= argv.length) {
      throw new Error(`unknown option or missing value: ${argv[i]}`);
    }
    opts[key] = typeof defaults[key] === 'number' ? Number(argv[i + 1]) : argv[i + 1];
    i += 2;
  }
  return [opts, argv.slice(i)];
}
