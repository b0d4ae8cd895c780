// Worker-thread entry (loaded by bootstrap.js): owns one ONNX session and answers classify requests
// in arrival order. Featurizing and session.run both happen here, off the caller's event loop.
import { parentPort } from 'node:worker_threads';
import { ModelMismatchError, OnnxTextModel } from './onnx-session';
import type { FromWorker, ToWorker } from './worker-protocol';

const port = parentPort;
if (!port) throw new Error('inference-worker must run in a worker thread');

let model: OnnxTextModel | undefined;
const post = (message: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

port.on('message', async (message: ToWorker) => {
  switch (message.type) {
    case 'init':
      try {
        model = await OnnxTextModel.open(message.manifest, message.modelPath, message.threads);
        post({ type: 'ready', inputNames: [message.manifest.inputs.indices.name, message.manifest.inputs.weights.name], outputNames: [message.manifest.outputs.probabilities.name] });
      } catch (error) {
        post({ type: 'init-error', message: (error as Error).message, mismatch: error instanceof ModelMismatchError });
      }
      return;
    case 'classify':
      try {
        if (!model) throw new Error('classify before init');
        const probabilities = await model.run(message.texts);
        // Copy out of onnxruntime's buffer so it can be transferred, not cloned.
        const owned = probabilities.slice();
        post({ type: 'result', batchId: message.batchId, probabilities: owned }, [owned.buffer]);
      } catch (error) {
        post({ type: 'batch-error', batchId: message.batchId, message: (error as Error).message });
      }
      return;
    case 'close':
      await model?.release();
      model = undefined;
      post({ type: 'closed' });
      port.close();
      return;
  }
});
