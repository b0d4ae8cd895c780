import type { ModelManifest } from '../manifest/manifest-schema';

/** What onnxruntime-node reports about one model input or output. */
export interface ValueInfo {
  name: string;
  isTensor: boolean;
  type?: string;
  shape?: ReadonlyArray<number | string>;
}

function describe(values: readonly ValueInfo[]): string {
  return values.map((v) => (v.isTensor ? `${v.name} (${v.type} [${(v.shape ?? []).join(', ')}])` : `${v.name} (not a tensor)`)).join(', ');
}

/**
 * Compares a manifest's declared tensors with the ONNX model's real inputs and outputs. Returns one
 * sentence per problem, each saying which manifest field to change and to what; empty when they match.
 */
export function checkModelIo(manifest: ModelManifest, inputs: readonly ValueInfo[], outputs: readonly ValueInfo[]): string[] {
  const problems: string[] = [];
  const expectInput = (field: 'indices' | 'weights', dtype: string) => {
    const declared = manifest.inputs[field];
    const actual = inputs.find((i) => i.name === declared.name);
    if (!actual) {
      problems.push(`inputs.${field}.name is "${declared.name}" but the model has no such input; its inputs are ${describe(inputs)}: set inputs.${field}.name to the ${dtype} input`);
    } else if (actual.isTensor && actual.type !== dtype) {
      problems.push(`input "${declared.name}" (inputs.${field}) is ${actual.type} in the model, the ${field} input must be ${dtype}`);
    } else if (actual.shape && actual.shape.length !== 2) {
      problems.push(`input "${declared.name}" (inputs.${field}) has rank ${actual.shape.length} in the model ([${actual.shape.join(', ')}]); it must be [batch, features]`);
    }
  };
  expectInput('indices', 'int64');
  expectInput('weights', 'float32');
  const declaredNames = new Set([manifest.inputs.indices.name, manifest.inputs.weights.name]);
  const extra = inputs.filter((i) => !declaredNames.has(i.name));
  if (extra.length && problems.length === 0) problems.push(`the model has inputs the manifest does not feed: ${describe(extra)}; a hashed n-gram model takes exactly an int64 indices and a float32 weights input`);

  const declaredOut = manifest.outputs.probabilities;
  const out = outputs.find((o) => o.name === declaredOut.name);
  if (!out) {
    problems.push(`outputs.probabilities.name is "${declaredOut.name}" but the model has no such output; its outputs are ${describe(outputs)}`);
  } else if (out.isTensor && out.type !== 'float32') {
    problems.push(`output "${declaredOut.name}" is ${out.type} in the model; probabilities must be float32`);
  } else if (out.shape && out.shape.length === 2 && typeof out.shape[1] === 'number' && out.shape[1] !== manifest.labels.length) {
    problems.push(`output "${declaredOut.name}" has ${out.shape[1]} classes but the manifest lists ${manifest.labels.length} labels (${manifest.labels.join(', ')}): fix "labels"`);
  }
  return problems;
}
