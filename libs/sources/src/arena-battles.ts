import crypto from 'node:crypto';
import fs from 'node:fs';
import type { SourceRecord } from '@prefstream/events';
import { eventRecord, inBatches } from './event-record';

/** One battle of a GenAI-Arena / Chatbot Arena `clean_battle` export. */
export interface ArenaBattle {
  model_a: string;
  model_b: string;
  winner: 'model_a' | 'model_b' | 'tie' | 'tie (bothbad)';
  judge?: string;
  anony?: boolean;
  /** Unix seconds (fractional). */
  tstamp: number;
}

export interface ArenaReadOptions {
  batchSize?: number;
  /** Tenant of the votes. Default 'genai-arena'. */
  tenant?: string;
}

const ARENA_WINNERS: Record<string, string> = { model_a: 'a', model_b: 'b', tie: 'tie', 'tie (bothbad)': 'both_bad' };

/**
 * The id depends on the battle's content only (not its position in the file), so a later, larger export
 * replayed into the same store adds only the new battles. Two byte-identical battles (same judge, models,
 * outcome and timestamp to 0.1 ms) are taken to be one battle exported twice.
 */
export function arenaEventId(battle: Partial<ArenaBattle>): string {
  const canonical = JSON.stringify([battle.model_a, battle.model_b, battle.winner, battle.judge, battle.anony, battle.tstamp]);
  return `arena-${crypto.createHash('sha256').update(canonical).digest('hex').slice(0, 32)}`;
}

/**
 * A battle as a vote event with inline models and no response text (the export has none). Mapped field
 * for field: an unknown winner or a missing model stays as it is and is rejected by the contract.
 */
export function arenaBattleToVote(battle: Partial<ArenaBattle>, tenant = 'genai-arena'): Record<string, unknown> {
  const id = arenaEventId(battle);
  const ms = typeof battle.tstamp === 'number' && Number.isFinite(battle.tstamp) ? Math.round(battle.tstamp * 1000) : NaN;
  return {
    schema_version: 1,
    event_id: id,
    type: 'vote',
    ts: Number.isFinite(ms) ? new Date(ms).toISOString() : battle.tstamp,
    tenant,
    conversation_id: id,
    ...(battle.judge !== undefined ? { user_id: battle.judge } : {}),
    a: { model: battle.model_a },
    b: { model: battle.model_b },
    winner: typeof battle.winner === 'string' && Object.hasOwn(ARENA_WINNERS, battle.winner) ? ARENA_WINNERS[battle.winner] : battle.winner,
    ...(battle.anony !== undefined ? { anonymous: battle.anony } : {}),
  };
}

/**
 * Reads an arena battle file (one JSON array) as batches of vote records. The position's `line` is the
 * 1-based index of the battle in the array. The file is parsed whole: the exports this is meant for are
 * megabytes, not gigabytes. An element that is not an object is passed on as it is (the decoder rejects it).
 */
export async function* readArenaBattles(path: string, options: ArenaReadOptions = {}): AsyncGenerator<SourceRecord[]> {
  const parsed: unknown = JSON.parse(await fs.promises.readFile(path, 'utf8'));
  if (!Array.isArray(parsed)) throw new TypeError(`${path}: an arena battle file is a JSON array of battles`);
  function* records(): Generator<SourceRecord> {
    for (let k = 0; k < (parsed as unknown[]).length; k++) {
      const battle = (parsed as unknown[])[k];
      const position = { kind: 'file' as const, path, line: k + 1 };
      if (battle === null || typeof battle !== 'object' || Array.isArray(battle)) yield { value: Buffer.from(JSON.stringify(battle) ?? 'null', 'utf8'), position };
      else yield eventRecord(arenaBattleToVote(battle as Partial<ArenaBattle>, options.tenant), position);
    }
  }
  yield* inBatches(records(), options.batchSize ?? 1000);
}
