// Public API of libs/signals: sessionization, implicit signals and implicit reward.
export { FOLLOW_UP_LABELS, FOLLOW_UP_POLARITY, type FollowUpLabel, type FollowUpResult } from './follow-up/follow-up-label';
export type { FollowUpScores, FollowUpModelScorer } from './follow-up/follow-up-model';
export { classifyFollowUp, DEFAULT_MODEL_THRESHOLD, type ClassifyFollowUpOptions } from './follow-up/classify-follow-up';
