import * as ort from 'onnxruntime-node';
import type { ModelManifest } from '../manifest/manifest-schema';
import { HashedNgramFeaturizer } from '../text/hashed-ngram-featurizer';
import { packBatch } from '../text/pack-batch';
import { checkModelIo, type ValueInfo } from './check-model-io';
import type { SessionThreads } from './worker-protocol';

/** Raised when the ONNX file does not fit its manifest; the message says what to fix. */
export class ModelMismatchError extends Error {}

function valueInfo(metadata: readonly ort.InferenceSession.ValueMetadata[]): ValueInfo[] {
  return metadata.map((m) => (m.isTensor ? { name: m.name, isTensor: true, type: m.type, shape: m.shape } : { name: m.name, isTensor: false }));
}

/**
 * One onnxruntime-node session plus the featurizer its manifest describes: texts in, probabilities out.
 * Used inside the worker thread; run() is not re-entrant (the featurizer reuses its buffers).
 */
export class OnnxTextModel {
  private constructor(
    private readonly session: ort.InferenceSession,
    private readonly manifest: ModelManifest,
    private readonly featurizer: HashedNgramFeaturizer,
  ) {}

  static async open(manifest: ModelManifest, modelPath: string, threads: SessionThreads): Promise<OnnxTextModel> {
    const session = await ort.InferenceSession.create(modelPath, {
      intraOpNumThreads: threads.intraOpThreads,
      interOpNumThreads: threads.interOpThreads,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
      // Spinning threads would burn a core waiting for work; this machine class has two.
      extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } },
    });
    const problems = checkModelIo(manifest, valueInfo(session.inputMetadata), valueInfo(session.outputMetadata));
    if (problems.length) {
      await session.release();
      throw new ModelMismatchError(problems.join('; '));
    }
    const model = new OnnxTextModel(session, manifest, new HashedNgramFeaturizer(manifest.preprocessing));
    // A probe catches what metadata cannot: symbolic class dimensions and graphs that fail at run time.
    let probe: Float32Array;
    try {
      probe = await model.run(['probe']);
    } catch (error) {
      await session.release();
      throw new ModelMismatchError(`a one-row test run failed (${(error as Error).message}); the model must accept [batch, features] int64 indices and float32 weights`);
    }
    if (probe.length !== manifest.labels.length) {
      await session.release();
      throw new ModelMismatchError(`a one-row test run returned ${probe.length} probabilities but the manifest lists ${manifest.labels.length} labels: fix "labels"`);
    }
    return model;
  }

  /** Row-major [texts, labels] probabilities. */
  async run(texts: readonly string[]): Promise<Float32Array> {
    const { inputs, outputs, preprocessing } = this.manifest;
    const batch = packBatch(texts.map((t) => this.featurizer.featurize(t)), preprocessing.paddingIndex);
    const feeds = {
      [inputs.indices.name]: new ort.Tensor('int64', batch.indices, [batch.rows, batch.width]),
      [inputs.weights.name]: new ort.Tensor('float32', batch.values, [batch.rows, batch.width]),
    };
    const result = await this.session.run(feeds, [outputs.probabilities.name]);
    const data = result[outputs.probabilities.name]!.data;
    if (!(data instanceof Float32Array)) throw new Error(`output ${outputs.probabilities.name} is not float32`);
    return data;
  }

  release(): Promise<void> {
    return this.session.release();
  }
}
