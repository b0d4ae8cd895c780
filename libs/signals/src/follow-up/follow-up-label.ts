/**
 * What a user's next message says about the previous response (text only; a rephrase of the previous
 * prompt is measured separately by similarity, see rephrase.ts). Polarity is the direction of the
 * evidence about the previous response.
 */
export const FOLLOW_UP_LABELS = ['complaint', 'retry', 'gratitude', 'clarification', 'none'] as const;
export type FollowUpLabel = (typeof FOLLOW_UP_LABELS)[number];

export const FOLLOW_UP_POLARITY: Record<FollowUpLabel, -1 | 0 | 1> = {
  complaint: -1,
  retry: -1,
  gratitude: 1,
  // Asking what the answer meant says it was not clear enough; weak, weighted low in the reward.
  clarification: -1,
  none: 0,
};

export interface FollowUpResult {
  label: FollowUpLabel;
  polarity: -1 | 0 | 1;
  /** In [0, 1]: the rule's fixed confidence, or the model's probability for the label. */
  confidence: number;
  source: 'rules' | 'model';
}
