import fs from 'node:fs';
import path from 'node:path';
import { PrefstreamError } from '@prefstream/errors';

/** The shipped models: <repo>/models, or $PREFSTREAM_MODELS_DIR. */
export function defaultModelsDir(): string {
  return process.env['PREFSTREAM_MODELS_DIR'] ?? path.resolve(__dirname, '..', '..', '..', '..', 'models');
}

/** Names of the models in a folder (sub-folders holding a manifest.json). */
export function listModels(modelsDir = defaultModelsDir()): string[] {
  if (!fs.existsSync(modelsDir)) return [];
  return fs
    .readdirSync(modelsDir)
    .filter((name) => fs.existsSync(path.join(modelsDir, name, 'manifest.json')))
    .sort();
}

/**
 * A model reference is either a path to a manifest (anything ending in .json or containing a path
 * separator: the way to plug in your own model) or the name of a model under modelsDir.
 */
export function resolveManifestPath(model: string, modelsDir = defaultModelsDir()): string {
  if (model.endsWith('.json') || model.includes('/') || model.includes(path.sep)) return path.resolve(model);
  const manifestPath = path.join(modelsDir, model, 'manifest.json');
  if (!fs.existsSync(manifestPath)) {
    const known = listModels(modelsDir);
    throw new PrefstreamError(`no model "${model}" in ${modelsDir} (known: ${known.join(', ') || 'none'}); pass a manifest path to use your own`, {
      code: 'MODEL_NOT_FOUND',
      retriable: false,
    });
  }
  return manifestPath;
}
