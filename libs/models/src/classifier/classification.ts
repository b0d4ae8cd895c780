import type { ModelManifest } from '../manifest/manifest-schema';

/** One text's result: the most probable label, every class probability and derived score, and provenance. */
export interface Classification {
  label: string;
  scores: Record<string, number>;
  model: string;
  version: string;
}

/** Turns row `row` of a row-major probability matrix into a Classification. */
export function toClassification(manifest: ModelManifest, probabilities: Float32Array, row: number): Classification {
  const k = manifest.labels.length;
  const scores: Record<string, number> = {};
  let best = 0;
  for (let c = 0; c < k; c++) {
    const p = probabilities[row * k + c]!;
    scores[manifest.labels[c]!] = p;
    if (p > probabilities[row * k + best]!) best = c;
  }
  for (const [name, parts] of Object.entries(manifest.derivedScores)) {
    let sum = 0;
    for (const part of parts) sum += scores[part]!;
    scores[name] = sum;
  }
  return { label: manifest.labels[best]!, scores, model: manifest.name, version: manifest.version };
}
