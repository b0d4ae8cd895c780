// Public API of libs/models: ONNX classifiers through onnxruntime-node, in a worker thread.
export {};
