import { PrefstreamError } from '@prefstream/errors';
import type { FollowUpModelScorer } from './follow-up/follow-up-model';
import { DEFAULT_REWARD_CONFIG, type RewardConfig } from './reward/reward-config';

export interface SignalEngineConfig {
  /**
   * Bounded out-of-orderness. The watermark is the highest event time seen minus this; an event before
   * the watermark is late (emitted as LateEvent, not applied). Results that depend on what may still
   * arrive (follow-up links, abandonment) are decided when the watermark passes them.
   */
  allowedLatenessMs: number;
  /** A conversation's state is evicted when the watermark passes its last event plus this gap. */
  sessionGapMs: number;
  /** A response with no user activity within this gap after it is abandoned (weak evidence). */
  abandonGapMs: number;
  /** Responses kept per conversation; older settled ones get their final update and leave. */
  maxTurnsPerConversation: number;
  /** Recent event ids kept per conversation for dedup (only those not yet behind the watermark). */
  maxRecentEventIds: number;
  /** Feedback and interactions waiting for their turn, per conversation. */
  maxPendingPerConversation: number;
  /** Edit distance is exact (banded Levenshtein) when both texts are at most this long, estimated otherwise. */
  exactEditMaxChars: number;
  /** Content-word Jaccard similarity to the previous prompt at or above which a prompt is a rephrase. */
  rephraseThreshold: number;
  /** Topic pivot needs at least this many content words in the new prompt ... */
  pivotMinContentWords: number;
  /** ... and at most this share of them found among the previous response's words. */
  pivotMaxSharedWithResponse: number;
  /** Optional synchronous follow-up model; precomputed scores can also be passed per event. */
  followUpScorer?: FollowUpModelScorer;
  followUpModelThreshold?: number;
  reward: RewardConfig;
}

export const DEFAULT_SIGNAL_CONFIG: SignalEngineConfig = {
  allowedLatenessMs: 2 * 60_000,
  sessionGapMs: 30 * 60_000,
  abandonGapMs: 5 * 60_000,
  maxTurnsPerConversation: 4,
  maxRecentEventIds: 64,
  maxPendingPerConversation: 8,
  exactEditMaxChars: 256,
  rephraseThreshold: 0.5,
  pivotMinContentWords: 3,
  pivotMaxSharedWithResponse: 0.34,
  reward: DEFAULT_REWARD_CONFIG,
};

const invalid = (message: string) => new PrefstreamError(`signal engine config: ${message}`, { code: 'invalid_config', retriable: false });

/** Defaults merged with `overrides`, checked: a bad configuration fails at start, not mid-stream. */
export function resolveSignalConfig(overrides: Partial<SignalEngineConfig> = {}): SignalEngineConfig {
  const config = { ...DEFAULT_SIGNAL_CONFIG, ...overrides };
  for (const key of ['allowedLatenessMs', 'sessionGapMs', 'abandonGapMs', 'exactEditMaxChars'] as const) {
    if (!Number.isFinite(config[key]) || config[key] < 0) throw invalid(`${key} must be a finite number >= 0`);
  }
  for (const key of ['maxTurnsPerConversation', 'maxRecentEventIds', 'maxPendingPerConversation', 'pivotMinContentWords'] as const) {
    if (!Number.isInteger(config[key]) || config[key] < 1) throw invalid(`${key} must be an integer >= 1`);
  }
  if (config.abandonGapMs > config.sessionGapMs) throw invalid('abandonGapMs must not exceed sessionGapMs (abandonment is decided before eviction)');
  if (!(config.rephraseThreshold > 0 && config.rephraseThreshold <= 1)) throw invalid('rephraseThreshold must lie in (0, 1]');
  if (config.reward.mode === 'hand' && !(config.reward.prior >= 0)) throw invalid('reward.prior must be >= 0');
  return config;
}
