// Public API of libs/monitors: pure detectors over the stored aggregates and snapshots (no I/O, no clock).
export * from './alert';
export { DRIFT_MONITOR, DriftMonitor, type DriftMonitorOptions } from './drift-monitor';
export { driftStatRow, type DriftStatRow, type MonitorResult } from './drift-stat-row';
export { DEFAULT_DRIFT_METRICS, type DriftMetric, type MetricSettles, type MonitorMinute } from './monitor-minute';
export { StandardisedCusum, DEFAULT_CUSUM_OPTIONS, type CusumAlarm, type CusumObservation, type StandardisedCusumJson, type StandardisedCusumOptions } from './standardised-cusum';
export { crossing, cusumStatistic, initialCusumState, leadingDirection, stepCusum, type CusumSide, type CusumState, type Direction } from './cusum-recursion';
export { addToBaseline, emptyBaseline, estimateBaseline, type Baseline, type BaselineAccumulator, type BaselineOptions } from './baseline-estimate';
export { addSummaries, emptySummary, summaryMean, summaryOf, summaryVariance, type BatchSummary } from './batch-summary';
export { UNSAFE_PREFERENCE_MONITOR, UnsafePreferenceMonitor, type UnsafePreferenceOptions } from './unsafe-preference';
export { DEFAULT_UNSAFE_PREFERENCE_RULES, ruleHolds, ruleStatistic, type PreferenceDirection, type UnsafePreferenceRule } from './unsafe-preference-rules';
export { PREFERENCE_SHIFT_MONITOR, PreferenceShiftMonitor, type PreferenceShiftOptions } from './preference-shift';
export { snapshotsOf, type EffectSnapshotRow, type RatingSnapshotRow, type Snapshot } from './snapshot-rows';
export { welchZ, type WelchResult } from './welch';
export { tenantOfSegment, isUserSegment } from './segments';
