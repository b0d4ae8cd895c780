import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import zlib from 'node:zlib';
import type { SourceRecord } from '@prefstream/events';
import { eventRecord, inBatches } from './event-record';

export interface HhRlhfReadOptions {
  batchSize?: number;
  /** Tenant of the votes. Default 'hh-rlhf'. */
  tenant?: string;
  /** Split name, used as the events' segment and model label. Default: the file name before the first dot. */
  split?: string;
  /** Event time of the first row (rows are one second apart; the dataset has no timestamps). */
  startTime?: string;
}

const ASSISTANT = '\n\nAssistant:';
const DEFAULT_START = '2022-04-12T00:00:00.000Z';

export interface HhRlhfSplit {
  /** The transcript both sides share, up to (not including) the assistant turn where they part. */
  prompt: string;
  chosen: string;
  rejected: string;
}

/**
 * Splits a {chosen, rejected} pair of full transcripts at the last "\n\nAssistant:" inside their common
 * prefix: before it is the shared prompt, after it each side's final response (trimmed). In the two
 * test splits every row has such a marker; in 14 of 4,666 rows one side goes on with further turns, which
 * then stay part of that side's response. Null when the transcripts share no assistant turn marker.
 */
export function splitHhRlhfPair(chosen: string, rejected: string): HhRlhfSplit | null {
  const limit = Math.min(chosen.length, rejected.length);
  let common = 0;
  while (common < limit && chosen.charCodeAt(common) === rejected.charCodeAt(common)) common++;
  const cut = chosen.lastIndexOf(ASSISTANT, common - ASSISTANT.length);
  if (cut < 0 || common < ASSISTANT.length) return null;
  const start = cut + ASSISTANT.length;
  return { prompt: chosen.slice(0, cut).trim(), chosen: chosen.slice(start).trim(), rejected: rejected.slice(start).trim() };
}

/**
 * Which side the chosen response sits on, from a hash of the row: deterministic, and balanced over rows,
 * so a side bias in the analysis cannot masquerade as a preference.
 */
export function hhRlhfRowHash(chosen: string, rejected: string): string {
  return crypto.createHash('sha256').update(chosen).update('\0').update(rejected).digest('hex');
}
export const chosenOnSideA = (hash: string): boolean => (parseInt(hash.slice(0, 2), 16) & 1) === 0;

/** A pair as a vote event between the two final responses of one (unnamed) model. */
export function hhRlhfPairToVote(chosen: string, rejected: string, row: number, options: Required<Pick<HhRlhfReadOptions, 'tenant' | 'split' | 'startTime'>>): Record<string, unknown> | null {
  const split = splitHhRlhfPair(chosen, rejected);
  if (!split) return null;
  const hash = hhRlhfRowHash(chosen, rejected);
  const id = `hh-rlhf-${options.split}-${hash.slice(0, 32)}`;
  const onA = chosenOnSideA(hash);
  // Both sides come from the same model family, so the model says nothing to a rating: the vote is
  // about the responses' properties (its ratings contribution is a self-vote, counted and skipped).
  const model = `hh-rlhf:${options.split}`;
  return {
    schema_version: 1,
    event_id: id,
    type: 'vote',
    ts: new Date(Date.parse(options.startTime) + (row - 1) * 1000).toISOString(),
    tenant: options.tenant,
    conversation_id: id,
    segment: options.split,
    prompt: split.prompt,
    a: { model, response: onA ? split.chosen : split.rejected },
    b: { model, response: onA ? split.rejected : split.chosen },
    winner: onA ? 'a' : 'b',
    // Annotators compared two unlabelled responses.
    anonymous: true,
  };
}

/**
 * Streams a gzipped hh-rlhf JSONL file as batches of vote records. A line that is not a {chosen, rejected}
 * pair of strings with a shared assistant turn is passed on as its own bytes, and the decoder rejects it.
 */
export async function* readHhRlhfPairs(file: string, options: HhRlhfReadOptions = {}): AsyncGenerator<SourceRecord[]> {
  const resolved = { tenant: options.tenant ?? 'hh-rlhf', split: options.split ?? path.basename(file).split('.')[0], startTime: options.startTime ?? DEFAULT_START };
  if (!Number.isFinite(Date.parse(resolved.startTime))) throw new RangeError(`startTime must be an RFC 3339 time, got ${resolved.startTime}`);
  const lines = readline.createInterface({ input: fs.createReadStream(file).pipe(zlib.createGunzip()), crlfDelay: Infinity });
  async function* records(): AsyncGenerator<SourceRecord> {
    let line = 0;
    for await (const text of lines) {
      line++;
      if (text.trim() === '') continue;
      const position = { kind: 'file' as const, path: file, line };
      const vote = pairVote(text, line, resolved);
      yield vote ? eventRecord(vote, position) : { value: Buffer.from(text, 'utf8'), position };
    }
  }
  yield* inBatches(records(), options.batchSize ?? 1000);
}

function pairVote(text: string, line: number, options: Required<Pick<HhRlhfReadOptions, 'tenant' | 'split' | 'startTime'>>): Record<string, unknown> | null {
  let row: unknown;
  try {
    row = JSON.parse(text);
  } catch {
    return null;
  }
  const { chosen, rejected } = (row ?? {}) as { chosen?: unknown; rejected?: unknown };
  return typeof chosen === 'string' && typeof rejected === 'string' ? hhRlhfPairToVote(chosen, rejected, line, options) : null;
}
