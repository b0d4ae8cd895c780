import type { PrefEvent, TurnEvent } from '@prefstream/events';
import { EventTimeQueue } from './event-time-queue';
import { seededRandom } from './seeded-random';

export interface SyntheticModel {
  model: string;
  model_version: string;
  /** Latent quality in logits: how much more often users are happy with it. */
  quality: number;
  /** Share of responses that are refusals, and of responses formatted with markdown lists/headers. */
  refusalRate?: number;
  markdownRate?: number;
}

export interface SyntheticTrafficOptions {
  seed?: number;
  conversations: number;
  /** Mean user turns per conversation (geometric). */
  meanTurns?: number;
  tenants?: string[];
  models?: SyntheticModel[];
  /** Event time of the first conversation start, ms since epoch. */
  startMs?: number;
  /** Mean milliseconds between conversation starts. */
  conversationGapMs?: number;
  /** Share of conversations that end with a side-by-side vote between two models. */
  voteRate?: number;
  /** Prefix of every id, so several generators never collide. */
  idPrefix?: string;
}

export const DEFAULT_SYNTHETIC_MODELS: SyntheticModel[] = [
  { model: 'acme-chat', model_version: '2026-10-01', quality: 0.3, refusalRate: 0.08, markdownRate: 0.3 },
  { model: 'acme-chat', model_version: '2026-11-01', quality: 0.8, refusalRate: 0.03, markdownRate: 0.6 },
  { model: 'rival-7b', model_version: 'v3', quality: -0.2, refusalRate: 0.15, markdownRate: 0.1 },
];

const PROMPTS = [
  'How do I reverse a list in Python?', 'Write a haiku about the sea', 'What is the capital of Australia?',
  'Explain recursion to a child', 'Give me a recipe for pancakes', 'How can I improve my sleep?',
  'Summarise the causes of the French revolution', 'What is 17 times 23?', 'Help me write a cover letter',
  'Why is the sky blue?', 'Translate "good morning" to Spanish', 'Fix this SQL: SELEC * FROM users',
];
const GOOD_FOLLOWUPS = ['thanks, that worked!', 'great, thank you', 'perfect', 'Thanks! One more thing: can you make it shorter?'];
const BAD_FOLLOWUPS = ["that's wrong", 'this does not make sense', 'try again', 'no, I meant something else', 'what do you mean?'];
const REFUSAL = "I'm sorry, but I can't help with that request.";

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/**
 * Deterministic, realistic-enough chat traffic: conversations with turns, regenerations, copies, edits,
 * thumbs, ratings, follow-up messages carrying praise or complaints, dwell, closes and pairwise votes,
 * where user happiness depends on a latent model quality. Events come out in event-time order across
 * interleaved conversations. For the local demo, benchmarks and end-to-end tests; not for statistics
 * that claim anything about real users.
 */
export function* generateSyntheticTraffic(options: SyntheticTrafficOptions): Generator<PrefEvent> {
  const random = seededRandom(options.seed ?? 1);
  const models = options.models ?? DEFAULT_SYNTHETIC_MODELS;
  const tenants = options.tenants ?? ['acme'];
  const prefix = options.idPrefix ?? 's';
  const gap = options.conversationGapMs ?? 1000;
  const meanTurns = options.meanTurns ?? 3;
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  // Pending events of open conversations, merged by time so the output is in event-time order.
  const pending = new EventTimeQueue();
  let nextStart = options.startMs ?? Date.UTC(2026, 10, 22, 10, 0, 0);
  let seq = 0;
  const iso = (ms: number) => new Date(ms).toISOString();

  const conversation = (index: number, start: number): PrefEvent[] => {
    const out: PrefEvent[] = [];
    const conv = `${prefix}-c${index}`;
    const tenant = pick(tenants);
    const user = `${prefix}-u${Math.floor(random() * Math.max(1, options.conversations / 4))}`;
    const m = pick(models);
    const base = { schema_version: 1 as const, tenant, conversation_id: conv, user_id: user, segment: random() < 0.3 ? 'pro' : 'free' };
    const ev = <T extends object>(t: number, body: T) => ({ ...base, ...body, event_id: `${prefix}-e${seq++}`, ts: iso(t) }) as unknown as PrefEvent;
    let t = start;
    let prompt = pick(PROMPTS);
    const turns = 1 + Math.floor(-Math.log(1 - random()) * (meanTurns - 1));
    let previous: TurnEvent | undefined;
    for (let i = 0; i < turns; i++) {
      const refuses = random() < (m.refusalRate ?? 0.05);
      const markdown = random() < (m.markdownRate ?? 0.3);
      const body = refuses ? REFUSAL : markdown ? `## Answer\n\n- ${prompt}\n- **Key point**: details.\n- More details here.` : `Here is an answer to "${prompt}". ${'It explains the idea. '.repeat(1 + Math.floor(random() * 6))}`;
      const turnId = `${conv}-t${i}`;
      const turn = ev(t, { type: 'turn', turn_id: turnId, turn_index: i, prompt, response: body, model: m.model, model_version: m.model_version, variant: m.model_version, latency_ms: Math.round(300 + random() * 2000), response_tokens: Math.round(body.length / 4) }) as TurnEvent;
      out.push(turn);
      previous = turn;
      t += 2000 + random() * 8000;
      const happy = random() < sigmoid(m.quality - (refuses ? 1.5 : 0) + (markdown ? 0.2 : 0));
      out.push(ev(t, { type: 'interaction', turn_id: turnId, action: 'dwell', dwell_ms: Math.round(1000 + random() * 20000) }));
      if (happy) {
        if (random() < 0.4) out.push(ev(t + 500, { type: 'interaction', turn_id: turnId, action: 'copy', copied_chars: Math.round(body.length * (0.3 + 0.7 * random())) }));
        if (random() < 0.25) out.push(ev(t + 900, { type: 'feedback', turn_id: turnId, kind: 'thumbs', value: 1 }));
        if (random() < 0.05) out.push(ev(t + 950, { type: 'feedback', turn_id: turnId, kind: 'rating', value: 4 + Math.round(random()), scale_min: 1, scale_max: 5 }));
        if (random() < 0.05) out.push(ev(t + 1000, { type: 'interaction', turn_id: turnId, action: 'share' }));
        prompt = random() < 0.5 ? pick(GOOD_FOLLOWUPS) : pick(PROMPTS);
      } else {
        const r = random();
        if (r < 0.3) {
          out.push(ev(t + 400, { type: 'interaction', turn_id: turnId, action: 'regenerate' }));
          const regen = ev(t + 3000, { type: 'turn', turn_id: `${turnId}-r`, turn_index: i, prompt, response: `${body} (regenerated)`, model: m.model, model_version: m.model_version, variant: m.model_version, latency_ms: Math.round(300 + random() * 2000), regenerated_from: turnId });
          out.push(regen);
        } else if (r < 0.4) {
          out.push(ev(t + 400, { type: 'interaction', turn_id: turnId, action: 'edit', edited_text: body.slice(0, Math.floor(body.length / 2)) + ' (fixed by user)' }));
        } else if (r < 0.5) {
          out.push(ev(t - 1500, { type: 'interaction', turn_id: turnId, action: 'stop', shown_chars: Math.floor(body.length / 3) }));
        }
        if (random() < 0.25) out.push(ev(t + 900, { type: 'feedback', turn_id: turnId, kind: 'thumbs', value: -1 }));
        if (random() < 0.03) out.push(ev(t + 950, { type: 'feedback', turn_id: turnId, kind: 'flag', reason: 'incorrect' }));
        prompt = random() < 0.6 ? pick(BAD_FOLLOWUPS) : `${prompt} (please be precise)`;
      }
      t += 3000 + random() * 10000;
    }
    if (random() < 0.5) out.push(ev(t, { type: 'interaction', turn_id: previous!.turn_id, action: 'close' }));
    if (random() < (options.voteRate ?? 0.1) && models.length > 1) {
      const [a, b] = [m, pick(models.filter((x) => x !== m))];
      const pA = sigmoid(a.quality - b.quality);
      const r = random();
      const winner = r < 0.1 ? 'tie' : r < 0.13 ? 'both_bad' : random() < pA ? 'a' : 'b';
      out.push(ev(t + 100, { type: 'vote', prompt, a: { model: a.model, model_version: a.model_version, response: 'Answer A' }, b: { model: b.model, model_version: b.model_version, response: 'Answer B' }, winner }));
    }
    return out;
  };

  for (let i = 0; i < options.conversations; i++) {
    for (const event of conversation(i, nextStart)) pending.push(event);
    nextStart += -Math.log(1 - random()) * gap;
    // Everything earlier than the next conversation's start can be released in time order.
    yield* pending.takeUntil(nextStart);
  }
  yield* pending.drain();
}
