import type { LengthBucket } from './length-buckets';

/** What one response contributes to its minute (fields the caller does not know are left out). */
export interface ResponseObservation {
  latencyMs?: number;
  /** Response length in tokens (sketch and length bucket). */
  lengthTokens?: number;
  /** Implicit reward in [-1, 1], once the turn's signals are final. */
  reward?: number;
  /** Implicit signal kind -> occurrences on this response. */
  signals?: Readonly<Record<string, number>>;
  /** Response feature name -> value. */
  features?: Readonly<Record<string, number>>;
  /** Classifier decisions the reward is conditioned on. */
  refuses?: boolean;
  toxic?: boolean;
}

/**
 * What a response contributes once its signals are final, when its arrival was counted before (with
 * addResponse, without reward): the reward, its signals, and the properties the reward is conditioned on.
 */
export interface ResponseOutcome {
  reward: number;
  signals?: Readonly<Record<string, number>>;
  refuses?: boolean;
  toxic?: boolean;
  /** Length bucket of the response (as lengthBucket of its token count). */
  lengthBucket?: LengthBucket;
}

/** Explicit feedback on a response of this model; votes are seen from this model's side. */
export type FeedbackObservation =
  | { kind: 'thumbs'; value: 1 | -1 }
  | { kind: 'rating'; value: number; scaleMin: number; scaleMax: number }
  | { kind: 'reaction' }
  | { kind: 'flag' }
  | { kind: 'comment' }
  | { kind: 'vote'; outcome: 'won' | 'lost' | 'tie' | 'both_bad' };
