import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadManifest, TextClassifier, type ModelManifestInput } from '../src';
import { MODELS_DIR } from './helpers/datasets';

const shipped = path.join(MODELS_DIR, 'harmful-request', 'manifest.json');

/** Writes a copy of the shipped manifest, edited, pointing at the shipped ONNX file. */
function editedManifest(edit: (m: ModelManifestInput) => void): string {
  const manifest = JSON.parse(fs.readFileSync(shipped, 'utf8')) as ModelManifestInput;
  manifest.file = path.join(MODELS_DIR, 'harmful-request', manifest.file);
  edit(manifest);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prefstream-manifest-'));
  const file = path.join(dir, 'manifest.json');
  fs.writeFileSync(file, JSON.stringify(manifest));
  return file;
}

describe('plugging in a model through a manifest', () => {
  it('a wrong input name fails with the manifest path, the field to fix and the real inputs', async () => {
    const file = editedManifest((m) => (m.inputs.indices.name = 'token_ids'));
    const error = await TextClassifier.open(file).then(
      () => undefined,
      (e: unknown) => e as Error & { code: string },
    );
    expect(error).toBeDefined();
    expect(error!.code).toBe('MODEL_MANIFEST_MISMATCH');
    expect(error!.message).toContain(file);
    expect(error!.message).toContain('inputs.indices.name is "token_ids"');
    expect(error!.message).toContain('indices (int64 [batch, features])');
  });

  it('inputs swapped (wrong dtype) and a wrong number of labels are named too', async () => {
    const swapped = editedManifest((m) => {
      m.inputs.indices.name = 'weights';
      m.inputs.weights.name = 'indices';
    });
    await expect(TextClassifier.open(swapped)).rejects.toThrow('is float32 in the model, the indices input must be int64');
    const labels = editedManifest((m) => {
      m.labels = ['a', 'b', 'c'];
      m.outputs.probabilities.shape = ['batch', 'classes'];
    });
    await expect(TextClassifier.open(labels)).rejects.toThrow(/2 classes but the manifest lists 3 labels/);
  });

  it('a manifest that breaks the format is rejected by zod before any worker starts', async () => {
    const file = editedManifest((m) => {
      delete (m as Partial<ModelManifestInput>).labels;
      m.preprocessing.paddingIndex = 7;
    });
    await expect(loadManifest(file)).rejects.toMatchObject({ code: 'MODEL_MANIFEST_INVALID' });
    await expect(loadManifest(file)).rejects.toThrow(/labels: .*; preprocessing.paddingIndex: paddingIndex must equal buckets/);
  });

  it('a changed ONNX file is caught by the recorded sha256', async () => {
    const file = editedManifest((m) => (m.sha256 = '0'.repeat(64)));
    await expect(loadManifest(file)).rejects.toThrow(/sha256 of .*model.onnx is [0-9a-f]{64}, the manifest says 0{64}/);
  });

  it('an unknown model name lists the known ones', async () => {
    await expect(TextClassifier.open('no-such-model')).rejects.toThrow(/known: .*refusal/);
  });
});
