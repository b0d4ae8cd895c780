import { HashedNgramFeaturizer, hashedNgramPreprocessingSchema } from '@prefstream/models';
import { loadXstestPrompts } from '../src/datasets/xstest';
import { balancedRowWeights, fitSoftmaxRegression } from '../src/optim/softmax-regression';
import { toSparseRows } from '../src/optim/sparse-rows';
import { describeWithDatasets } from './datasets';

const preprocessing = hashedNgramPreprocessingSchema.parse({
  kind: 'hashed-ngrams', lowercase: true, maskUrlsAndMentions: false, maxChars: 500, tokenizer: 'alnum-apostrophe',
  wordNgrams: [1, 2], charNgrams: [3, 4], leadWords: 0, hash: 'fnv1a32-fmix32', buckets: 4096, paddingIndex: 4096, tf: 'sublinear', normalize: 'l2',
});

describeWithDatasets('fitSoftmaxRegression on the XSTest prompts', () => {
  const rows = loadXstestPrompts().rows;
  const featurizer = new HashedNgramFeaturizer(preprocessing);
  const features = rows.map((r) => featurizer.featurize(r.text));
  const data = toSparseRows(features);
  const labels = Int32Array.from(rows, (r) => (r.label === 'unsafe' ? 1 : 0));
  const rowWeights = balancedRowWeights(labels, 2);
  const l2 = 1e-3;
  const fit = () => fitSoftmaxRegression(data, labels, { buckets: 4096, classes: 2, l2, rowWeights, maxIterations: 500 });

  it('stops at the optimum: the gradient of the objective, recomputed here in plain code, vanishes', () => {
    const { parameters, optimizer } = fit();
    expect(optimizer.stopReason).toBe('gradient');
    const { weights, bias } = parameters;
    const gradW = new Float64Array(weights.length);
    const gradB = [0, 0];
    const total = rowWeights.reduce((a, b) => a + b, 0);
    features.forEach((f, r) => {
      const z = [bias[0]!, bias[1]!];
      f.indices.forEach((idx, j) => [0, 1].forEach((c) => (z[c]! += f.values[j]! * weights[idx * 2 + c]!)));
      const max = Math.max(...z);
      const e = z.map((v) => Math.exp(v - max));
      const s = e[0]! + e[1]!;
      [0, 1].forEach((c) => {
        const residual = (rowWeights[r]! / total) * (e[c]! / s - (labels[r] === c ? 1 : 0));
        gradB[c]! += residual;
        f.indices.forEach((idx, j) => (gradW[idx * 2 + c]! += residual * f.values[j]!));
      });
    });
    let worst = Math.max(...gradB.map(Math.abs));
    for (let i = 0; i < weights.length; i++) worst = Math.max(worst, Math.abs(gradW[i]! + l2 * weights[i]!));
    expect(worst).toBeLessThan(1e-5);
    // Buckets no prompt uses stay exactly zero (only the penalty acts on them).
    const used = new Set(features.flatMap((f) => [...f.indices]));
    for (let b = 0; b < 4096; b++) if (!used.has(b)) expect(weights[b * 2]).toBe(0);
  });

  it('is reproducible bit for bit', () => {
    expect(Buffer.from(fit().parameters.weights.buffer).equals(Buffer.from(fit().parameters.weights.buffer))).toBe(true);
  });
});
