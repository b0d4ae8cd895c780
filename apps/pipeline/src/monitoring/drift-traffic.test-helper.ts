import type { PrefEvent } from '@prefstream/events';
import { generateSyntheticTraffic, type SyntheticModel } from '@prefstream/sources';

export const DRIFT_T0 = Date.UTC(2026, 10, 22, 8, 0, 0);
const MINUTE = 60_000;
/** When `drifty` gets much worse: two hours in. */
export const DRIFT_CHANGE = DRIFT_T0 + 120 * MINUTE;

const steady: SyntheticModel = { model: 'steady', model_version: 'v1', quality: 0.8, refusalRate: 0.05, markdownRate: 0.4 };
const drifty = (quality: number): SyntheticModel => ({ model: 'drifty', model_version: 'v1', quality, refusalRate: 0.05, markdownRate: 0.4 });

/**
 * Test support: 3.5 hours of seeded traffic (a conversation every 2 s, ~45 responses per model a minute)
 * of two models, where `drifty`'s latent quality drops from 0.8 to -1.5 at DRIFT_CHANGE and `steady`'s
 * does not. Two generators merged in event-time order; `t0` moves it in time (DRIFT_CHANGE - DRIFT_T0 after it).
 */
export function trafficWithDrift(t0 = DRIFT_T0): PrefEvent[] {
  const gap = 2000;
  const change = t0 + (DRIFT_CHANGE - DRIFT_T0);
  const before = [...generateSyntheticTraffic({ conversations: 3600, conversationGapMs: gap, startMs: t0, models: [steady, drifty(0.8)], seed: 5, idPrefix: 'a' })];
  const after = [...generateSyntheticTraffic({ conversations: 2700, conversationGapMs: gap, startMs: change, models: [steady, drifty(-1.5)], seed: 6, idPrefix: 'b' })];
  return [...before, ...after].sort((x, y) => Date.parse(x.ts) - Date.parse(y.ts));
}
