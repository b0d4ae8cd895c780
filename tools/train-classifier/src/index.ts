// Public API of tools/train-classifier: trains the shipped ONNX classifiers.
export {};
