import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { PrefstreamError } from '@prefstream/errors';
import { modelManifestSchema, type ModelManifest } from './manifest-schema';

/** A validated manifest with its file locations resolved. */
export interface LoadedManifest {
  manifest: ModelManifest;
  manifestPath: string;
  modelPath: string;
}

function invalid(manifestPath: string, detail: string, cause?: unknown): PrefstreamError {
  return new PrefstreamError(`model manifest ${manifestPath}: ${detail}`, { code: 'MODEL_MANIFEST_INVALID', retriable: false, cause });
}

/**
 * Reads and validates a manifest (zod), resolves its ONNX file next to it and, when the manifest
 * records a sha256, checks the file against it. Errors name the manifest and the field to fix.
 */
export async function loadManifest(manifestPath: string): Promise<LoadedManifest> {
  const absolute = path.resolve(manifestPath);
  let raw: unknown;
  try {
    raw = JSON.parse(await fs.readFile(absolute, 'utf8'));
  } catch (error) {
    throw invalid(absolute, `cannot read it as JSON (${(error as Error).message})`, error);
  }
  const parsed = modelManifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw invalid(absolute, `does not match the manifest format: ${issues}`);
  }
  const manifest = parsed.data;
  const modelPath = path.resolve(path.dirname(absolute), manifest.file);
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(modelPath);
  } catch (error) {
    throw invalid(absolute, `"file" points to ${modelPath}, which cannot be read (${(error as Error).message})`, error);
  }
  if (manifest.sha256) {
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== manifest.sha256) throw invalid(absolute, `sha256 of ${modelPath} is ${actual}, the manifest says ${manifest.sha256}; retrain or update "sha256"`);
  }
  return { manifest, manifestPath: absolute, modelPath };
}
