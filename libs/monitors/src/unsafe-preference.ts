import { Z_95 } from '@prefstream/stats';
import { episodeAlert } from './alert';
import { BoundedMap } from './bounded-map';
import { ConditionalRewardWindow } from './conditional-reward-window';
import { driftStatRow, type MonitorResult } from './drift-stat-row';
import { Episodes } from './episodes';
import { formatNumber, formatSigned, formatUtcMinute } from './format';
import type { MonitorMinute } from './monitor-minute';
import { isUserSegment, tenantOfSegment } from './segments';
import { snapshotsOf, type EffectSnapshotRow } from './snapshot-rows';
import { DEFAULT_UNSAFE_PREFERENCE_RULES, ruleHolds, ruleStatistic, type UnsafePreferenceRule } from './unsafe-preference-rules';
import { welchZ } from './welch';
import { withDefaults } from './with-defaults';

/**
 * The "users reward the wrong thing" monitor, on two kinds of evidence:
 * - preference-effect snapshots: a rule (unsafe-preference-rules) holds for a segment and window, e.g.
 *   the votes prefer the more toxic response with a 95% interval above 0;
 * - the minute aggregates: over the last hour, a model version's toxic responses get a higher implicit
 *   reward than its non-toxic ones (Welch z above a threshold, enough responses in both groups).
 * Each condition is an episode (see Episodes): while it keeps holding, every evaluation re-raises the
 * same alert (same id, raised_at = the episode start), so outputs deduplicate it; once it stops, a
 * recurrence is a new alert. Every evaluated condition also gives a stats row, for the dashboard.
 */
export const UNSAFE_PREFERENCE_MONITOR = 'unsafe-preference';

export interface UnsafePreferenceOptions {
  /** Default DEFAULT_UNSAFE_PREFERENCE_RULES; at most one rule per feature. */
  rules?: readonly UnsafePreferenceRule[];
  /** Effect rows fitted on fewer votes are not evaluated. Default 200. */
  minVotes?: number;
  /** Evaluate 'user:*' segments too. Default false: there are many and each is noisy. */
  includeUserSegments?: boolean;
  /**
   * The toxic-vs-non-toxic reward gap: over `windowMinutes`, at least `minCount` responses in each group,
   * Welch z above `z` and a difference of at least `minDifference` (reward is in [-1, 1]). The z treats
   * responses as independent; conversations and minutes are not, so the minimum difference guards
   * against a significant but tiny gap.
   */
  rewardGap?: { windowMinutes?: number; minCount?: number; z?: number; minDifference?: number };
  /** Model versions (and open episodes) remembered at most. Default 10,000. */
  maxSubjects?: number;
}

const TOXIC = 'toxic';
const NON_TOXIC = 'non_toxic';

export class UnsafePreferenceMonitor {
  private readonly rules: ReadonlyMap<string, UnsafePreferenceRule>;
  private readonly minVotes: number;
  private readonly includeUserSegments: boolean;
  private readonly gap: { windowMinutes: number; minCount: number; z: number; minDifference: number };
  private readonly episodes: Episodes;
  private readonly windows: BoundedMap<string, ConditionalRewardWindow>;
  private lastSnapshotMs = -Infinity;

  constructor(options: UnsafePreferenceOptions = {}) {
    const rules = options.rules ?? DEFAULT_UNSAFE_PREFERENCE_RULES;
    this.rules = new Map(rules.map((r) => [r.feature, r]));
    if (this.rules.size !== rules.length) throw new RangeError('unsafe-preference rules must be on distinct features');
    this.minVotes = options.minVotes ?? 200;
    this.includeUserSegments = options.includeUserSegments ?? false;
    this.gap = withDefaults({ windowMinutes: 60, minCount: 30, z: 3, minDifference: 0.1 }, options.rewardGap);
    new ConditionalRewardWindow(this.gap.windowMinutes, []); // fail here on a bad window, not on the first minute
    const capacity = options.maxSubjects ?? 10_000;
    this.episodes = new Episodes(capacity * 10); // open episodes: several conditions per subject
    this.windows = new BoundedMap(capacity);
  }

  /** Effect snapshot rows, any order; snapshots no newer than the last one evaluated are ignored. */
  observeEffects(rows: readonly EffectSnapshotRow[]): MonitorResult {
    const result: MonitorResult = { stats: [], alerts: [] };
    for (const snapshot of snapshotsOf(rows)) {
      if (snapshot.computedAt <= this.lastSnapshotMs) continue;
      this.lastSnapshotMs = snapshot.computedAt;
      for (const row of snapshot.rows) this.evaluateEffect(row, result);
    }
    return result;
  }

  private evaluateEffect(row: EffectSnapshotRow, result: MonitorResult): void {
    const rule = this.rules.get(row.feature);
    if (rule === undefined || row.n < this.minVotes || !(row.se > 0)) return;
    if (!this.includeUserSegments && isUserSegment(row.segment)) return;
    const tenant = tenantOfSegment(row.segment);
    const subject = `${row.segment}/${row.target}/${row.window}/${row.feature}`;
    const holds = ruleHolds(rule, row);
    const statistic = ruleStatistic(rule, row);
    const evidence = {
      rule: rule.name, target: row.target, segment: row.segment, window: row.window, feature: row.feature,
      coef: row.coef, se: row.se, ci_low: row.ci_low, ci_high: row.ci_high, n: row.n,
    };
    result.stats.push(driftStatRow({ computed_at: row.computed_at, tenant, monitor: UNSAFE_PREFERENCE_MONITOR, subject, statistic, threshold: Z_95, drifted: holds, details: evidence }));
    const start = this.episodes.update(`effect\n${tenant}\n${subject}`, holds, row.computed_at);
    if (start === null) return;
    const interval = `coefficient ${formatSigned(row.coef)}, 95% CI ${formatNumber(row.ci_low)} to ${formatNumber(row.ci_high)}, n = ${row.n}`;
    result.alerts.push(episodeAlert({
      episodeStartMs: start, tenant, severity: rule.severity, monitor: UNSAFE_PREFERENCE_MONITOR, subject,
      message: `${rule.finding} in ${row.segment} (${row.target}, ${row.window}): ${interval}. ${rule.advice}`,
      details: { ...evidence, statistic, threshold: Z_95, episodeStartMs: start, computedAt: row.computed_at },
    }));
  }

  /** Closed minutes, any order; minutes a model version has already had are ignored. */
  observeMinutes(minutes: readonly MonitorMinute[]): MonitorResult {
    const result: MonitorResult = { stats: [], alerts: [] };
    for (const minute of [...minutes].sort((a, b) => a.minute_ms - b.minute_ms)) {
      const key = `${minute.tenant}\n${minute.model}\n${minute.model_version}`;
      const window = this.windows.getOrCreate(key, () => new ConditionalRewardWindow(this.gap.windowMinutes, [TOXIC, NON_TOXIC]));
      if (minute.minute_ms <= window.lastMinuteMs) continue;
      window.add(minute);
      this.evaluateRewardGap(minute, window, result);
    }
    return result;
  }

  private evaluateRewardGap(minute: MonitorMinute, window: ConditionalRewardWindow, result: MonitorResult): void {
    const toxic = window.total(TOXIC);
    const nonToxic = window.total(NON_TOXIC);
    if (toxic.count < this.gap.minCount || nonToxic.count < this.gap.minCount) return;
    const welch = welchZ(toxic, nonToxic);
    if (welch === null) return;
    const { tenant } = minute;
    const model = `${minute.model}@${minute.model_version}`;
    const subject = `${model}/toxic_reward_gap`;
    const holds = welch.z > this.gap.z && welch.difference >= this.gap.minDifference;
    const evidence = {
      model: minute.model, model_version: minute.model_version, window_minutes: this.gap.windowMinutes,
      toxic_mean: welch.meanA, toxic_count: toxic.count, non_toxic_mean: welch.meanB, non_toxic_count: nonToxic.count, difference: welch.difference, se: welch.se, z: welch.z,
    };
    result.stats.push(driftStatRow({ computed_at: minute.minute_ms, tenant, monitor: UNSAFE_PREFERENCE_MONITOR, subject, statistic: welch.z, threshold: this.gap.z, drifted: holds, details: evidence }));
    const start = this.episodes.update(`gap\n${tenant}\n${subject}`, holds, minute.minute_ms);
    if (start === null) return;
    result.alerts.push(episodeAlert({
      episodeStartMs: start, tenant, severity: 'critical', monitor: UNSAFE_PREFERENCE_MONITOR, subject,
      message:
        `users reward toxic responses of ${model}${tenant ? ` (${tenant})` : ''} more than non-toxic ones: mean implicit reward ${formatNumber(welch.meanA)} (n = ${toxic.count}) ` +
        `against ${formatNumber(welch.meanB)} (n = ${nonToxic.count}) over the ${this.gap.windowMinutes} minutes to ${formatUtcMinute(minute.minute_ms + 60_000)} (Welch z ${welch.z.toFixed(1)} > ${formatNumber(this.gap.z)})`,
      details: { ...evidence, threshold: this.gap.z, episodeStartMs: start, computedAt: minute.minute_ms },
    }));
  }
}
