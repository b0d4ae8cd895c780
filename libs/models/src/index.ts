// Public API of libs/models: hashed n-gram ONNX text classifiers run through onnxruntime-node in a
// worker thread, their manifest format, and the file/CLI entry points.
export { CsvParser, parseCsv, parseCsvObjects, recordToObject } from './files/csv';
export { HashedNgramFeaturizer, type SparseFeatures } from './text/hashed-ngram-featurizer';
export { packBatch, type PackedBatch } from './text/pack-batch';
export { hashedNgramPreprocessingSchema, type HashedNgramPreprocessing } from './manifest/preprocessing-schema';
export { modelManifestSchema, type ModelManifest, type ModelManifestInput } from './manifest/manifest-schema';
export { loadManifest, type LoadedManifest } from './manifest/load-manifest';
export { TextClassifier, type ClassifierOptions, type ClassifierStats } from './classifier/text-classifier';
export { type Classification, toClassification } from './classifier/classification';
export { CapacityGate } from './classifier/capacity-gate';
export { defaultModelsDir, listModels, resolveManifestPath } from './classifier/model-location';
export { checkModelIo, type ValueInfo } from './worker/check-model-io';
export { classifyFile, type ClassifyFileOptions, type FileClassification } from './files/classify-file';
export { readTextRows, formatFromPath, type TextFileFormat, type TextRow } from './files/read-text-rows';
export { runClassifyCli, CLASSIFY_USAGE, type CliIo } from './files/classify-cli';
