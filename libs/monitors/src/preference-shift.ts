import { INTERCEPT } from '@prefstream/stats';
import { episodeAlert } from './alert';
import { BoundedMap } from './bounded-map';
import { driftStatRow, type MonitorResult } from './drift-stat-row';
import { Episodes } from './episodes';
import { formatNumber, formatSigned, formatUtcMinute } from './format';
import { RatingHistory } from './rating-history';
import { isUserSegment, tenantOfSegment } from './segments';
import { snapshotsOf, type EffectSnapshotRow, type RatingSnapshotRow } from './snapshot-rows';
import { withDefaults } from './with-defaults';

/**
 * Shifts in what users prefer, from the rating and effect snapshots:
 * - a new leader: the top-rated model of a (scope, method) is no longer the one that led before, and its
 *   interval now lies entirely above the old leader's (warning). A lead inside the intervals is noise:
 *   the established leader stays until it is overtaken that clearly;
 * - a rating moved: between the snapshot at least `lookbackMs` older and the latest, a model's rating
 *   changed by more than the sum of its two interval half-widths, i.e. the intervals do not overlap (info);
 * - an effect moved: a feature's coefficient over the sliding window differs from the cumulative one
 *   by |z| > effectZ (info).
 * Only rows with an interval (methods without one, Elo and style control, have ci_low = ci_high) and
 * enough votes are judged. Conditions that persist are episodes with one alert id, as in the other monitors.
 */
export const PREFERENCE_SHIFT_MONITOR = 'preference-shift';

export interface PreferenceShiftOptions {
  /** How far back the rating comparison reaches. Default 1 h. */
  lookbackMs?: number;
  /** Least votes for a model's rating, or rows of an effect fit, to be judged. Default 200. */
  minVotes?: number;
  /** |z| threshold of the sliding-vs-cumulative effect comparison. Default 3. */
  effectZ?: number;
  /** The sliding window compared with 'cumulative'. Default 'sliding:60m'. */
  slidingWindow?: string;
  /** Judge 'user:*' effect segments too. Default false. */
  includeUserSegments?: boolean;
  /** Snapshots kept per (scope, method). Default 500. */
  maxHistory?: number;
  /** (scope, method) pairs remembered at most. Default 10,000. */
  maxScopes?: number;
}

interface ScopeState {
  history: RatingHistory;
  /** The model last recognised as the leader; null before the first snapshot. */
  leader: string | null;
}

const CUMULATIVE = 'cumulative';
const hasInterval = (r: RatingSnapshotRow) => r.ci_high > r.ci_low;
const halfWidth = (r: RatingSnapshotRow) => (r.ci_high - r.ci_low) / 2;
const interval = (r: RatingSnapshotRow) => `${formatNumber(r.ci_low)} to ${formatNumber(r.ci_high)}`;

export class PreferenceShiftMonitor {
  private readonly o: Required<PreferenceShiftOptions>;
  private readonly scopes: BoundedMap<string, ScopeState>;
  private readonly episodes: Episodes;
  private lastEffectSnapshotMs = -Infinity;

  constructor(options: PreferenceShiftOptions = {}) {
    this.o = withDefaults({ lookbackMs: 3_600_000, minVotes: 200, effectZ: 3, slidingWindow: 'sliding:60m', includeUserSegments: false, maxHistory: 500, maxScopes: 10_000 }, options);
    new RatingHistory(this.o.lookbackMs, this.o.maxHistory); // validates
    this.scopes = new BoundedMap(this.o.maxScopes);
    this.episodes = new Episodes(this.o.maxScopes * 10);
  }

  /** Rating snapshot rows, any order; snapshots of a (scope, method) no newer than its latest are ignored. */
  observeRatings(rows: readonly RatingSnapshotRow[]): MonitorResult {
    const result: MonitorResult = { stats: [], alerts: [] };
    for (const snapshot of snapshotsOf(rows)) {
      const byScope = new Map<string, RatingSnapshotRow[]>();
      for (const row of snapshot.rows) {
        const key = `${row.scope}\n${row.method}`;
        const group = byScope.get(key);
        if (group) group.push(row);
        else byScope.set(key, [row]);
      }
      for (const [key, group] of byScope) {
        const state = this.scopes.getOrCreate(key, () => ({ history: new RatingHistory(this.o.lookbackMs, this.o.maxHistory), leader: null }));
        if (snapshot.computedAt <= state.history.latestMs) continue;
        const eligible = group.filter((r) => r.votes >= this.o.minVotes && Number.isFinite(r.rating));
        this.judgeLeader(snapshot.computedAt, eligible, state, result);
        this.judgeMoves(snapshot.computedAt, eligible, state, result);
        state.history.add({ computedAt: snapshot.computedAt, rows: eligible });
      }
    }
    return result;
  }

  private judgeLeader(at: number, rows: RatingSnapshotRow[], state: ScopeState, result: MonitorResult): void {
    const ranked = rows.filter(hasInterval).sort((a, b) => b.rating - a.rating || (a.model < b.model ? -1 : 1));
    if (ranked.length === 0) return;
    const top = ranked[0];
    const previous = ranked.find((r) => r.model === state.leader);
    if (previous === undefined) {
      state.leader = top.model; // first snapshot, or the old leader is gone: nothing to compare with
      return;
    }
    if (previous === top) return;
    const { scope, method } = top;
    const tenant = tenantOfSegment(scope);
    const subject = `${scope}/${method}/leader`;
    const margin = top.ci_low - previous.ci_high;
    const evidence = {
      scope, method, leader: top.model, rating: top.rating, ci_low: top.ci_low, ci_high: top.ci_high,
      previous_leader: previous.model, previous_rating: previous.rating, previous_ci_low: previous.ci_low, previous_ci_high: previous.ci_high,
    };
    result.stats.push(driftStatRow({ computed_at: at, tenant, monitor: PREFERENCE_SHIFT_MONITOR, subject, statistic: margin, threshold: 0, drifted: margin > 0, details: evidence }));
    if (!(margin > 0)) return;
    state.leader = top.model;
    result.alerts.push(episodeAlert({
      episodeStartMs: at, tenant, severity: 'warning', monitor: PREFERENCE_SHIFT_MONITOR, subject,
      message:
        `new leader in ${scope} (${method}): ${top.model} (${formatNumber(top.rating)}, interval ${interval(top)}) ` +
        `is now clearly ahead of ${previous.model} (${formatNumber(previous.rating)}, interval ${interval(previous)})`,
      details: { ...evidence, margin },
    }));
  }

  private judgeMoves(at: number, rows: RatingSnapshotRow[], state: ScopeState, result: MonitorResult): void {
    const reference = state.history.reference(at);
    if (reference === undefined) return;
    for (const now of rows) {
      const then = reference.rows.find((r) => r.model === now.model);
      if (then === undefined || !hasInterval(now) || !hasInterval(then)) continue;
      const tenant = tenantOfSegment(now.scope);
      const subject = `${now.scope}/${now.method}/${now.model}`;
      const statistic = Math.abs(now.rating - then.rating) / (halfWidth(now) + halfWidth(then));
      const holds = statistic > 1;
      const evidence = {
        scope: now.scope, method: now.method, model: now.model, rating: now.rating, ci_low: now.ci_low, ci_high: now.ci_high, votes: now.votes,
        previous_rating: then.rating, previous_ci_low: then.ci_low, previous_ci_high: then.ci_high, previous_at: reference.computedAt,
      };
      result.stats.push(driftStatRow({ computed_at: at, tenant, monitor: PREFERENCE_SHIFT_MONITOR, subject, statistic, threshold: 1, drifted: holds, details: evidence }));
      const start = this.episodes.update(`rating\n${tenant}\n${subject}`, holds, at);
      if (start === null) continue;
      result.alerts.push(episodeAlert({
        episodeStartMs: start, tenant, severity: 'info', monitor: PREFERENCE_SHIFT_MONITOR, subject,
        message:
          `rating of ${now.model} in ${now.scope} (${now.method}) ${now.rating > then.rating ? 'rose' : 'fell'} from ${formatNumber(then.rating)} to ${formatNumber(now.rating)} ` +
          `since ${formatUtcMinute(reference.computedAt, at)}: the intervals ${interval(then)} and ${interval(now)} do not overlap`,
        details: { ...evidence, statistic, threshold: 1, episodeStartMs: start, computedAt: at },
      }));
    }
  }

  /**
   * Effect snapshot rows, any order; snapshots no newer than the last one evaluated are ignored. Within a
   * snapshot, each (target, segment, feature) with both a cumulative and a sliding row is compared by
   * z = (c_s - c_c) / sqrt(se_s^2 + se_c^2). The cumulative fit contains the sliding window's votes, so
   * the two estimates are positively correlated and the true variance of the difference is smaller than
   * that sum: this z is conservative (understates the shift). The sliding fit is also regularised more
   * (small windows), which pulls it toward 0; with the conservative z that rarely crosses effectZ alone.
   */
  observeEffects(rows: readonly EffectSnapshotRow[]): MonitorResult {
    const result: MonitorResult = { stats: [], alerts: [] };
    for (const snapshot of snapshotsOf(rows)) {
      if (snapshot.computedAt <= this.lastEffectSnapshotMs) continue;
      this.lastEffectSnapshotMs = snapshot.computedAt;
      const pairs = new Map<string, { cumulative?: EffectSnapshotRow; sliding?: EffectSnapshotRow }>();
      for (const row of snapshot.rows) {
        if (row.window !== CUMULATIVE && row.window !== this.o.slidingWindow) continue;
        const key = `${row.target}\n${row.segment}\n${row.feature}`;
        const pair = pairs.get(key) ?? {};
        if (row.window === CUMULATIVE) pair.cumulative = row;
        else pair.sliding = row;
        pairs.set(key, pair);
      }
      for (const { cumulative, sliding } of pairs.values()) if (cumulative && sliding) this.judgeEffect(cumulative, sliding, result);
    }
    return result;
  }

  private judgeEffect(c: EffectSnapshotRow, s: EffectSnapshotRow, result: MonitorResult): void {
    if (c.feature === INTERCEPT || c.n < this.o.minVotes || s.n < this.o.minVotes || !(c.se > 0 && s.se > 0)) return;
    if (!this.o.includeUserSegments && isUserSegment(c.segment)) return;
    const tenant = tenantOfSegment(c.segment);
    const subject = `${c.segment}/${c.target}/${s.window}-vs-${CUMULATIVE}/${c.feature}`;
    const z = (s.coef - c.coef) / Math.sqrt(s.se * s.se + c.se * c.se);
    const holds = Math.abs(z) > this.o.effectZ;
    const evidence = { target: c.target, segment: c.segment, feature: c.feature, window: s.window, coef: s.coef, se: s.se, n: s.n, cumulative_coef: c.coef, cumulative_se: c.se, cumulative_n: c.n, z };
    result.stats.push(driftStatRow({ computed_at: c.computed_at, tenant, monitor: PREFERENCE_SHIFT_MONITOR, subject, statistic: Math.abs(z), threshold: this.o.effectZ, drifted: holds, details: evidence }));
    const start = this.episodes.update(`effect\n${tenant}\n${subject}`, holds, c.computed_at);
    if (start === null) return;
    result.alerts.push(episodeAlert({
      episodeStartMs: start, tenant, severity: 'info', monitor: PREFERENCE_SHIFT_MONITOR, subject,
      message:
        `the effect of ${c.feature} on ${c.target} in ${c.segment} shifted: ${formatSigned(s.coef)} (se ${formatNumber(s.se)}) in ${s.window} ` +
        `against ${formatSigned(c.coef)} (se ${formatNumber(c.se)}) cumulative (z ${z.toFixed(1)}, |z| > ${formatNumber(this.o.effectZ)})`,
      details: { ...evidence, threshold: this.o.effectZ, episodeStartMs: start, computedAt: c.computed_at },
    }));
  }
}
