/**
 * @jest-environment ./test/helpers/shared-typed-arrays-environment.js
 */
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { HashedNgramFeaturizer, loadManifest, packBatch, TextClassifier } from '../src';
import { describeWithDatasets, MODELS_DIR, realTexts } from './helpers/datasets';
import { ReferenceModel } from './helpers/reference-model';

const SHIPPED = ['refusal', 'toxicity', 'harmful-request'];
const TOLERANCE = 1e-5;

describeWithDatasets('shipped ONNX models equal their plain-TypeScript evaluation on real rows', () => {
  for (const name of SHIPPED) {
    it(`${name}: onnxruntime-node, directly and through the worker, matches the reference to ${TOLERANCE}`, async () => {
      const loaded = await loadManifest(path.join(MODELS_DIR, name, 'manifest.json'));
      const reference = ReferenceModel.load(loaded);
      const texts = realTexts(name, 150);
      const expected = texts.map((t) => reference.probabilities(t));

      // 1. The ONNX graph run directly by onnxruntime-node, in one padded batch.
      const session = await ort.InferenceSession.create(loaded.modelPath);
      const featurizer = new HashedNgramFeaturizer(loaded.manifest.preprocessing);
      const batch = packBatch(texts.map((t) => featurizer.featurize(t)), loaded.manifest.preprocessing.paddingIndex);
      const out = await session.run({
        indices: new ort.Tensor('int64', batch.indices, [batch.rows, batch.width]),
        weights: new ort.Tensor('float32', batch.values, [batch.rows, batch.width]),
      });
      await session.release();
      const direct = out['probabilities']!.data as Float32Array;
      const k = loaded.manifest.labels.length;
      expect(out['probabilities']!.dims).toEqual([texts.length, k]);
      let worst = 0;
      expected.forEach((p, r) => p.forEach((v, c) => (worst = Math.max(worst, Math.abs(v - direct[r * k + c]!)))));
      expect(worst).toBeLessThan(TOLERANCE);

      // 2. The production path: worker thread, batching, Classification objects.
      const classifier = await TextClassifier.open(name, { maxBatch: 64 });
      try {
        const results = await classifier.classify(texts);
        results.forEach((result, r) => {
          loaded.manifest.labels.forEach((label, c) => expect(Math.abs(result.scores[label]! - expected[r]![c]!)).toBeLessThan(TOLERANCE));
          const best = expected[r]!.indexOf(Math.max(...expected[r]!));
          expect(result.label).toBe(loaded.manifest.labels[best]);
          expect(result).toMatchObject({ model: name, version: loaded.manifest.version });
        });
        // The models must not be constant: real rows get more than one label.
        expect(new Set(results.map((r) => r.label)).size).toBeGreaterThan(1);
      } finally {
        await classifier.close();
      }
    });
  }

  it('toxicity adds the derived toxic score = P(hate) + P(offensive)', async () => {
    const classifier = await TextClassifier.open('toxicity');
    try {
      for (const { scores } of await classifier.classify(realTexts('toxicity', 20))) {
        expect(scores['toxic']).toBeCloseTo(scores['hate']! + scores['offensive']!, 6);
        expect(scores['toxic']! + scores['neither']!).toBeCloseTo(1, 5);
      }
    } finally {
      await classifier.close();
    }
  });
});
