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

/** Explicit feedback on a response of this model; votes are seen from this model's side. */
export type FeedbackObservation =
  | { kind: 'thumbs'; value: 1 | -1 }
  | { kind: 'rating'; value: number; scaleMin: number; scaleMax: number }
  | { kind: 'reaction' }
  | { kind: 'flag' }
  | { kind: 'comment' }
  | { kind: 'vote'; outcome: 'won' | 'lost' | 'tie' | 'both_bad' };
