// A deterministic, realistic-sized chat workload for the signals benchmark: conversations of 1-6 turns
// with prompts of 5-30 words and responses of 300-2,000 characters (by default), and the interactions
// users make.
// Events are planned small (no texts) and sorted by event time; texts are made only when an event is
// materialised, so 100,000 concurrent conversations do not need gigabytes of pending text.
import type { PrefEvent } from '@prefstream/events';

const WORDS = ('the a to of and in is for on with you that this it be can use your list python function data model '
  + 'value error file time code example step first second then return string number array object class method '
  + 'server request response user query table index cache memory thread process event stream window state '
  + 'recipe garden travel budget health sleep exercise music history science market price energy climate').split(' ');

export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function text(seed: number, chars: number, markdown: boolean): string {
  const random = prng(seed);
  let out = markdown ? '## Answer\n\n' : '';
  while (out.length < chars) {
    const word = WORDS[Math.floor(random() * WORDS.length)];
    out += markdown && random() < 0.05 ? `\n- **${word}**` : `${word}${random() < 0.08 ? '. ' : ' '}`;
  }
  return out.slice(0, chars);
}

type Step = 'turn' | 'regen' | 'copy' | 'dwell' | 'thumbs' | 'edit' | 'stop';
/** A planned event: [ts, conversation, turn, step, seed]. */
export type PlannedEvent = [number, number, number, Step, number];

const START = Date.UTC(2026, 10, 22, 10, 0, 0);

/** Plans `conversations` conversations starting uniformly over `spreadMs`, sorted by event time. */
export function planWorkload(conversations: number, spreadMs: number, seed = 1): PlannedEvent[] {
  const random = prng(seed);
  const plan: PlannedEvent[] = [];
  for (let c = 0; c < conversations; c++) {
    let t = START + Math.floor(random() * spreadMs);
    const turns = 1 + Math.min(5, Math.floor(-Math.log(1 - random()) * 2));
    for (let i = 0; i < turns; i++) {
      plan.push([t, c, i, 'turn', Math.floor(random() * 2 ** 31)]);
      const after = t + 3000 + Math.floor(random() * 20_000);
      if (random() < 0.8) plan.push([after, c, i, 'dwell', 0]);
      if (random() < 0.3) plan.push([after + 500, c, i, 'copy', 0]);
      if (random() < 0.1) plan.push([after + 900, c, i, 'thumbs', random() < 0.6 ? 1 : -1]);
      if (random() < 0.03) plan.push([after + 1200, c, i, 'edit', Math.floor(random() * 2 ** 31)]);
      if (random() < 0.03) plan.push([t + 1500, c, i, 'stop', 0]);
      if (random() < 0.08) plan.push([after + 2000, c, i, 'regen', Math.floor(random() * 2 ** 31)]);
      t = after + 5000 + Math.floor(random() * 60_000);
    }
  }
  return plan.sort((a, b) => a[0] - b[0]);
}

/** The event a planned entry stands for, with its texts; responses of minChars..maxChars characters. */
export function materialise([ts, c, i, step, seed]: PlannedEvent, sequence: number, minChars = 300, maxChars = 2000): PrefEvent {
  const base = { schema_version: 1 as const, event_id: `ev-${sequence}`, ts: new Date(ts).toISOString(), tenant: 'acme', conversation_id: `conv-${c}`, user_id: `user-${c % 9973}` };
  const turnId = `conv-${c}-t${i}`;
  const response = (s: number) => text(s, minChars + (s % (maxChars - minChars)), s % 3 === 0);
  switch (step) {
    case 'turn':
    case 'regen':
      return {
        ...base, type: 'turn', turn_id: step === 'regen' ? `${turnId}-r` : turnId, turn_index: i,
        prompt: text(seed ^ 0x5bd1e995, 40 + (seed % 160), false), response: response(seed), model: 'acme-chat', model_version: '2026-11-01',
        ...(step === 'regen' ? { regenerated_from: turnId } : {}),
      };
    case 'dwell': return { ...base, type: 'interaction', turn_id: turnId, action: 'dwell', dwell_ms: 1000 + (sequence % 30_000) };
    case 'copy': return { ...base, type: 'interaction', turn_id: turnId, action: 'copy', copied_chars: 50 + (sequence % 400) };
    case 'stop': return { ...base, type: 'interaction', turn_id: turnId, action: 'stop' };
    case 'thumbs': return { ...base, type: 'feedback', turn_id: turnId, kind: 'thumbs', value: seed === 1 ? 1 : -1 };
    case 'edit': return { ...base, type: 'interaction', turn_id: turnId, action: 'edit', edited_text: response(seed).slice(0, 200) + ' (edited)' };
  }
}
