import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeEvent } from '@prefstream/events';
import { arenaBattleToVote, readArenaBattles, type SourceRecord } from './index';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'arena-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const battle = { model_a: 'm1', model_b: 'm2', winner: 'model_a', judge: 'arena_user_::1', anony: true, tstamp: 1707700514.3167 } as const;

async function readAll(file: string, batchSize?: number): Promise<{ records: SourceRecord[]; sizes: number[] }> {
  const records: SourceRecord[] = [];
  const sizes: number[] = [];
  for await (const batch of readArenaBattles(file, { batchSize })) {
    sizes.push(batch.length);
    records.push(...batch);
  }
  return { records, sizes };
}

describe('arenaBattleToVote', () => {
  it('maps a battle to a valid vote with inline models, judge as user, anony as anonymous, tstamp as event time', () => {
    const decoded = decodeEvent(Buffer.from(JSON.stringify(arenaBattleToVote(battle))));
    expect(decoded.ok).toBe(true);
    expect(decoded.ok && decoded.event).toMatchObject({
      type: 'vote', tenant: 'genai-arena', user_id: 'arena_user_::1', a: { model: 'm1' }, b: { model: 'm2' }, winner: 'a', anonymous: true, ts: '2024-02-12T01:15:14.317Z',
    });
  });

  it.each([['model_a', 'a'], ['model_b', 'b'], ['tie', 'tie'], ['tie (bothbad)', 'both_bad']] as const)('winner %s -> %s', (winner, expected) => {
    expect(arenaBattleToVote({ ...battle, winner }).winner).toBe(expected);
  });

  it('derives the event id from the content only: stable, and different for a different battle', () => {
    expect(arenaBattleToVote(battle).event_id).toBe(arenaBattleToVote({ ...battle }).event_id);
    expect(arenaBattleToVote(battle).event_id).not.toBe(arenaBattleToVote({ ...battle, tstamp: battle.tstamp + 1 }).event_id);
    expect(arenaBattleToVote(battle).conversation_id).toBe(arenaBattleToVote(battle).event_id);
  });

  it('leaves malformed battles to the contract, which rejects them with the field to fix', () => {
    const unknownWinner = decodeEvent(Buffer.from(JSON.stringify(arenaBattleToVote({ ...battle, winner: 'draw' as never }))));
    expect(unknownWinner).toMatchObject({ ok: false, reason: 'invalid', message: expect.stringMatching(/winner/) });
    const noModel = decodeEvent(Buffer.from(JSON.stringify(arenaBattleToVote({ ...battle, model_b: undefined as never }))));
    expect(noModel).toMatchObject({ ok: false, reason: 'invalid' });
    const prototypeKey = arenaBattleToVote({ ...battle, winner: 'constructor' as never });
    expect(prototypeKey.winner).toBe('constructor');
  });
});

describe('readArenaBattles', () => {
  it('yields one keyed record per battle in batches, with the battle index as position', async () => {
    const battles = Array.from({ length: 5 }, (_, k) => ({ ...battle, tstamp: battle.tstamp + k }));
    const file = path.join(dir, 'battles.json');
    fs.writeFileSync(file, JSON.stringify(battles));
    const { records, sizes } = await readAll(file, 2);
    expect(sizes).toEqual([2, 2, 1]);
    expect(records.map((r) => r.position)).toEqual(battles.map((_, k) => ({ kind: 'file', path: file, line: k + 1 })));
    for (const r of records) {
      const decoded = decodeEvent(r.value);
      expect(decoded.ok && decoded.event.conversation_id).toBe(r.key);
    }
  });

  it('passes a non-object element on as it is, for the decoder to reject', async () => {
    const file = path.join(dir, 'mixed.json');
    fs.writeFileSync(file, JSON.stringify([battle, 42, null]));
    const { records } = await readAll(file);
    expect(records.slice(1).map((r) => decodeEvent(r.value))).toMatchObject([{ ok: false, reason: 'not_object' }, { ok: false, reason: 'not_object' }]);
  });

  it('refuses a file that is not a JSON array', async () => {
    const file = path.join(dir, 'object.json');
    fs.writeFileSync(file, '{}');
    await expect(readAll(file)).rejects.toThrow(/JSON array/);
  });
});
