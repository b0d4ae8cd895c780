import type { ModelManifest } from '../manifest/manifest-schema';

/** Session settings passed to onnxruntime-node in the worker. */
export interface SessionThreads {
  intraOpThreads: number;
  interOpThreads: number;
}

export type ToWorker =
  | { type: 'init'; manifest: ModelManifest; modelPath: string; threads: SessionThreads }
  | { type: 'classify'; batchId: number; texts: string[] }
  | { type: 'close' };

export type FromWorker =
  | { type: 'ready'; inputNames: string[]; outputNames: string[] }
  | { type: 'init-error'; message: string; mismatch: boolean }
  /** probabilities: row-major [texts, labels]. */
  | { type: 'result'; batchId: number; probabilities: Float32Array }
  | { type: 'batch-error'; batchId: number; message: string }
  | { type: 'closed' };
