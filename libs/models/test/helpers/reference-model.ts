import fs from 'node:fs';
import { onnx } from 'onnx-proto';
import { HashedNgramFeaturizer, type LoadedManifest } from '../../src';

/**
 * The same model evaluated in plain TypeScript (float64): W and bias read back from the ONNX file's
 * initializers, features from the TS featurizer, softmax(Σ w_j W[idx_j] + b). Independent of
 * onnxruntime, so agreement checks the graph and the runtime path.
 */
export class ReferenceModel {
  private readonly featurizer: HashedNgramFeaturizer;

  private constructor(
    private readonly table: Float32Array,
    private readonly bias: Float32Array,
    readonly classes: number,
    loaded: LoadedManifest,
  ) {
    this.featurizer = new HashedNgramFeaturizer(loaded.manifest.preprocessing);
  }

  static load(loaded: LoadedManifest): ReferenceModel {
    const model = onnx.ModelProto.decode(fs.readFileSync(loaded.modelPath));
    const tensor = (name: string) => {
      const t = model.graph!.initializer!.find((i) => i.name === name);
      if (!t?.rawData) throw new Error(`initializer ${name} not found as raw data`);
      const bytes = t.rawData;
      return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    };
    return new ReferenceModel(tensor('W'), tensor('bias'), loaded.manifest.labels.length, loaded);
  }

  probabilities(text: string): number[] {
    const { indices, values } = this.featurizer.featurize(text);
    const k = this.classes;
    const logits = Array.from(this.bias, Number);
    for (let j = 0; j < indices.length; j++) for (let c = 0; c < k; c++) logits[c]! += values[j]! * this.table[indices[j]! * k + c]!;
    const max = Math.max(...logits);
    const exp = logits.map((z) => Math.exp(z - max));
    const sum = exp.reduce((a, b) => a + b, 0);
    return exp.map((e) => e / sum);
  }
}
