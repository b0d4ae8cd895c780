import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadManifest, TextClassifier } from '@prefstream/models';
import { loadXstestPrompts } from '../src/datasets/xstest';
import { main } from '../src/main';
import { describeWithDatasets } from './datasets';

describeWithDatasets('train-classifier --model NAME --data FILE (generic labelled JSONL)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'train-jsonl-'));
  // Real texts with a real label, relabelled in the follow-up style to prove labels come from the file.
  const rows = loadXstestPrompts().rows.map((r) => ({ text: r.text, label: r.label === 'unsafe' ? 'complaint' : 'other' }));
  const data = path.join(dir, 'followups.jsonl');
  fs.writeFileSync(data, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');

  it('trains a follow-up model whose labels, data and held-out fold are read from and recorded for the file', async () => {
    const out = path.join(dir, 'follow-up');
    const log = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    // --l2 1e-4: the fit below must memorise its training rows; the shipped spec's 0.03 is tuned for generalising.
    const code = await main(['--model', 'follow-up', '--data', data, '--l2', '1e-4', '--folds', '5', '--fold', '2', '--out', out]);
    log.mockRestore();
    expect(code).toBe(0);
    const { manifest, manifestPath } = await loadManifest(path.join(out, 'manifest.json'));
    expect(manifest.labels).toEqual(['complaint', 'other']);
    expect(manifest.appliesTo).toBe('follow-up');
    expect(manifest.training!.hyperparameters['l2']).toBe(1e-4);
    expect(manifest.training!.data[0]!.rows).toBe(rows.length);
    const heldOut = JSON.parse(fs.readFileSync(path.join(out, 'heldout.json'), 'utf8')).ids as string[];
    expect(manifest.training!.rows + heldOut.length).toBe(rows.length);

    // The written model runs through libs/models and fits its training rows.
    const classifier = await TextClassifier.open(manifestPath);
    try {
      const held = new Set(heldOut);
      const train = rows.filter((_, i) => !held.has(`followups:line:${i + 1}`));
      const results = await classifier.classify(train.map((r) => r.text));
      const correct = results.filter((r, i) => r.label === train[i]!.label).length;
      expect(correct / train.length).toBeGreaterThan(0.9);
    } finally {
      await classifier.close();
    }
  });

  it('rejects an unknown model without --data, and malformed JSONL with its line number', async () => {
    const err = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    await expect(main(['--model', 'mystery'])).rejects.toThrow('unknown model "mystery" without --data');
    err.mockRestore();
    const bad = path.join(dir, 'bad.jsonl');
    fs.writeFileSync(bad, '{"text":"ok","label":"a"}\n{"text":"no label"}\n');
    await expect(main(['--model', 'follow-up', '--data', bad, '--out', path.join(dir, 'bad')])).rejects.toThrow(/bad.jsonl:2: expected/);
  });
});
