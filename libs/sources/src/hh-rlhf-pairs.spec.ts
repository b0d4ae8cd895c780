import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { decodeEvent, type VoteEvent } from '@prefstream/events';
import { chosenOnSideA, hhRlhfRowHash, readHhRlhfPairs, splitHhRlhfPair, type SourceRecord } from './index';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hh-rlhf-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const DATASETS = path.join(process.env['PREFSTREAM_DATASETS_DIR'] ?? path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'datasets'), 'hh-rlhf');

const transcript = (...turns: string[]) => turns.map((t, k) => `\n\n${k % 2 === 0 ? 'Human' : 'Assistant'}: ${t}`).join('');

async function readAll(file: string, options = {}): Promise<SourceRecord[]> {
  const out: SourceRecord[] = [];
  for await (const batch of readHhRlhfPairs(file, options)) out.push(...batch);
  return out;
}
const votesOf = (records: SourceRecord[]) => records.map((r) => decodeEvent(r.value)).map((d) => (d.ok ? (d.event as VoteEvent) : null));

describe('splitHhRlhfPair', () => {
  it('takes the shared transcript up to the last assistant marker as the prompt and the final responses as sides', () => {
    const chosen = transcript('Hi', 'Hello!', 'How do I boil an egg?', 'Put it in boiling water for 8 minutes.');
    const rejected = transcript('Hi', 'Hello!', 'How do I boil an egg?', 'I cannot help with that.');
    expect(splitHhRlhfPair(chosen, rejected)).toEqual({
      prompt: 'Human: Hi\n\nAssistant: Hello!\n\nHuman: How do I boil an egg?',
      chosen: 'Put it in boiling water for 8 minutes.',
      rejected: 'I cannot help with that.',
    });
  });

  it('cuts at the marker inside the common prefix when one side goes on with more turns', () => {
    const chosen = transcript('Name a colour', 'Red.');
    const rejected = transcript('Name a colour', 'Blue.', 'And another?', 'Green.');
    expect(splitHhRlhfPair(chosen, rejected)).toMatchObject({ prompt: 'Human: Name a colour', chosen: 'Red.', rejected: 'Blue.\n\nHuman: And another?\n\nAssistant: Green.' });
  });

  it('keeps identical or empty responses, and returns null without a shared assistant turn', () => {
    const same = transcript('q', 'a');
    expect(splitHhRlhfPair(same, same)).toMatchObject({ chosen: 'a', rejected: 'a' });
    expect(splitHhRlhfPair(transcript('q', ''), transcript('q', 'x'))).toMatchObject({ chosen: '', rejected: 'x' });
    expect(splitHhRlhfPair(transcript('q one', 'a'), transcript('q two', 'a'))).toBeNull();
  });
});

describe('readHhRlhfPairs', () => {
  const rows = Array.from({ length: 200 }, (_, k) => ({ chosen: transcript(`question ${k}`, `good answer ${k}`), rejected: transcript(`question ${k}`, `bad answer ${k}`) }));
  const file = path.join(dir, 'toy-split.test.jsonl.gz');
  beforeAll(() => fs.writeFileSync(file, zlib.gzipSync(rows.map((r) => JSON.stringify(r)).join('\n') + '\n\nnot json\n{"chosen": 1}\n')));

  it('yields valid votes whose winner is the side holding the chosen response, sides balanced by a row hash', async () => {
    const records = await readAll(file, { batchSize: 64 });
    const votes = votesOf(records);
    expect(votes.slice(0, 200).every((v) => v !== null)).toBe(true);
    votes.slice(0, 200).forEach((v, k) => {
      const winnerSide = v!.winner === 'a' ? v!.a : v!.b;
      const loserSide = v!.winner === 'a' ? v!.b : v!.a;
      expect(winnerSide.response).toBe(`good answer ${k}`);
      expect(loserSide.response).toBe(`bad answer ${k}`);
      expect(v!.winner === 'a').toBe(chosenOnSideA(hhRlhfRowHash(rows[k].chosen, rows[k].rejected)));
      expect(v).toMatchObject({ tenant: 'hh-rlhf', segment: 'toy-split', prompt: `Human: question ${k}`, anonymous: true, a: { model: 'hh-rlhf:toy-split' } });
    });
    const onA = votes.slice(0, 200).filter((v) => v!.winner === 'a').length;
    expect(onA).toBeGreaterThan(70);
    expect(onA).toBeLessThan(130);
  });

  it('spaces rows one second apart in event time and keeps file line numbers', async () => {
    const records = await readAll(file, { startTime: '2024-01-01T00:00:00Z' });
    const votes = votesOf(records);
    expect(votes[0]!.ts).toBe('2024-01-01T00:00:00.000Z');
    expect(votes[199]!.ts).toBe('2024-01-01T00:03:19.000Z');
    expect(records[199].position).toEqual({ kind: 'file', path: file, line: 200 });
  });

  it('passes unusable lines on as their bytes for the decoder to reject', async () => {
    const records = await readAll(file);
    expect(records).toHaveLength(202);
    expect(records.slice(200).map((r) => decodeEvent(r.value))).toMatchObject([{ ok: false, reason: 'not_json' }, { ok: false }]);
    expect(records[200].position).toMatchObject({ line: 202 });
  });

  it('is deterministic: the same file gives the same bytes', async () => {
    const [first, second] = [await readAll(file), await readAll(file)];
    expect(second.map((r) => Buffer.from(r.value).toString())).toEqual(first.map((r) => Buffer.from(r.value).toString()));
  });

  const real = fs.existsSync(DATASETS) ? it : it.skip;
  real(`turns every row of both real test splits into a valid vote (skipped when ${DATASETS} is absent)`, async () => {
    for (const [split, n] of [['harmless-base', 2312], ['helpful-base', 2354]] as const) {
      const votes = votesOf(await readAll(path.join(DATASETS, `${split}.test.jsonl.gz`)));
      expect(votes).toHaveLength(n);
      expect(votes.every((v) => v !== null)).toBe(true);
      const onA = votes.filter((v) => v!.winner === 'a').length / n;
      expect(Math.abs(onA - 0.5)).toBeLessThan(0.05);
    }
  });
});
