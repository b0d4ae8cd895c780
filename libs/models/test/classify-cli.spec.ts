import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { runClassifyCli, TextClassifier } from '../src';
import { describeWithDatasets, realTexts } from './helpers/datasets';

async function runCli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (b: Buffer) => out.push(b));
  stderr.on('data', (b: Buffer) => err.push(b));
  const code = await runClassifyCli(argv, { stdout, stderr });
  return { code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() };
}

const csvField = (s: string) => `"${s.replace(/"/g, '""')}"`;

describeWithDatasets('prefstream classify', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prefstream-classify-'));
  // Real multi-line responses, so quoted fields with newlines and quotes cross read-chunk boundaries.
  const texts = realTexts('refusal', 300);

  it('classifies a CSV (quoted multi-line fields) into one JSON line per row, in order, like the API', async () => {
    const file = path.join(dir, 'responses.csv');
    fs.writeFileSync(file, 'id,response\n' + texts.map((t, i) => `${i},${csvField(t)}`).join('\n') + '\n');
    const { code, stdout, stderr } = await runCli(['--model', 'refusal', '--input', file, '--text-column', 'response', '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(texts.length);
    const classifier = await TextClassifier.open('refusal');
    const expected = await classifier.classify(texts);
    await classifier.close();
    lines.forEach((line, i) => {
      expect(Object.keys(line).sort()).toEqual(['label', 'model', 'scores', 'version']);
      expect(line.label).toBe(expected[i]!.label);
      expect(line.scores.refusal).toBeCloseTo(expected[i]!.scores['refusal']!, 6);
    });
  });

  it('reads NDJSON the same way', async () => {
    const file = path.join(dir, 'responses.ndjson');
    fs.writeFileSync(file, texts.slice(0, 50).map((t) => JSON.stringify({ text: t })).join('\n'));
    const { code, stdout } = await runCli(['--model', 'refusal', '--input', file, '--json']);
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(50);
  });

  it('names the missing column and lists the real ones', async () => {
    const file = path.join(dir, 'responses.csv');
    const { code, stderr } = await runCli(['--model', 'refusal', '--input', file, '--text-column', 'completion']);
    expect(code).toBe(1);
    expect(stderr).toContain('no column "completion"; columns are "id", "response"');
  });

  it('prints usage for missing arguments', async () => {
    const { code, stderr } = await runCli(['--model', 'refusal']);
    expect(code).toBe(2);
    expect(stderr).toContain('usage: prefstream classify');
  });
});
