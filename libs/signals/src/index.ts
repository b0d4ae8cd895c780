// Public API of libs/signals: sessionization, implicit signals and implicit reward.
export { SIGNAL_KINDS, SIGNAL_KIND_NAMES, type SignalKind } from './signal-kinds';
export type { SignalRow, ResponseUpdate, ExplicitSummary, LateEvent, LateReason, SignalOutput } from './outputs';
export { DEFAULT_SIGNAL_CONFIG, resolveSignalConfig, type SignalEngineConfig } from './config';
export { createSignalEngine, type SignalEngine, type SignalEngineStats, type ProcessContext, type OpenTurnInfo } from './engine/signal-engine';
export type { SignalEngineState, SignalEngineCounters } from './engine/engine-state';
export { implicitSignals, type ImplicitSignalsOptions, type SignalInput, type WatermarkTick } from './operators/implicit-signals.operator';
export { trainRewardCalibration, type TrainRewardCalibrationOptions } from './operators/train-reward-calibration.operator';
export { FOLLOW_UP_LABELS, FOLLOW_UP_POLARITY, type FollowUpLabel, type FollowUpResult } from './follow-up/follow-up-label';
export type { FollowUpScores, FollowUpModelScorer } from './follow-up/follow-up-model';
export { classifyFollowUp, DEFAULT_MODEL_THRESHOLD, type ClassifyFollowUpOptions } from './follow-up/classify-follow-up';
export { DEFAULT_REWARD_CONFIG, rewardFeatures, type RewardConfig } from './reward/reward-config';
export { implicitReward } from './reward/implicit-reward';
export { OnlineLogisticCalibrator, type CalibratorOptions, type CalibratorState } from './reward/logistic-calibrator';
export { rewardWeightRows, rewardConfigFromRows, type RewardWeightRow } from './reward/reward-weight-rows';
export { rocAuc } from './reward/roc-auc';
export { levenshtein } from './text/banded-levenshtein';
export { editDistanceBetween, editReference } from './text/edit-distance';
export { promptSketch, promptSimilarity } from './text/prompt-sketch';
