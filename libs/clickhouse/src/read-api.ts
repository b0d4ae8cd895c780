import type { QueryParams, Store } from './store';

/**
 * Named, parameterised read queries for the dashboard, the monitors and the CLI. Every value travels as
 * a `{name:Type}` parameter, never inside the SQL text, and every query runs with readonly=1.
 */
export const NAMED_QUERIES = {
  /** Per-minute totals for one tenant and time range, merged across all workers' partials. */
  minuteAggregates: `
    SELECT model, model_version, variant, toUnixTimestamp64Milli(toDateTime64(minute, 3)) AS minute_ms,
           sum(responses) AS responses, sum(thumbs_up) AS thumbs_up, sum(thumbs_down) AS thumbs_down,
           sum(rating_sum) AS rating_sum, sum(rating_count) AS rating_count,
           sum(reward_sum) AS reward_sum, sum(reward_sumsq) AS reward_sumsq, sum(reward_count) AS reward_count,
           sumMap(signal_counts) AS signal_counts, sumMap(feature_sums) AS feature_sums, sumMap(feature_counts) AS feature_counts
    FROM minute_aggregates
    WHERE tenant = {tenant:String} AND minute >= fromUnixTimestamp64Milli({from:Int64}) AND minute < fromUnixTimestamp64Milli({to:Int64})
      AND ({model:String} = '' OR model = {model:String})
    GROUP BY model, model_version, variant, minute
    ORDER BY minute, model, model_version, variant`,
  /** Totals per model version over a range, from the hour rollup (cheap over long ranges). */
  modelTotals: `
    SELECT model, model_version, sum(responses) AS responses, sum(thumbs_up) AS thumbs_up, sum(thumbs_down) AS thumbs_down,
           sum(reward_sum) AS reward_sum, sum(reward_count) AS reward_count
    FROM hour_aggregates
    WHERE tenant = {tenant:String} AND minute >= toStartOfHour(fromUnixTimestamp64Milli({from:Int64})) AND minute < fromUnixTimestamp64Milli({to:Int64})
    GROUP BY model, model_version ORDER BY model, model_version`,
  /** Events and distinct users per minute (-Merge of the partial states). */
  eventsPerMinute: `
    SELECT type, toUnixTimestamp64Milli(toDateTime64(minute, 3)) AS minute_ms, countMerge(events) AS events, uniqMerge(users) AS users
    FROM events_per_minute
    WHERE tenant = {tenant:String} AND minute >= fromUnixTimestamp64Milli({from:Int64}) AND minute < fromUnixTimestamp64Milli({to:Int64})
    GROUP BY type, minute ORDER BY minute, type`,
  /** The latest rating snapshot of a scope and method. */
  latestRatings: `
    SELECT model, rating, ci_low, ci_high, rank, votes, gradient_norm, toUnixTimestamp64Milli(computed_at) AS computed_at_ms
    FROM rating_snapshots
    WHERE scope = {scope:String} AND method = {method:String}
      AND computed_at = (SELECT max(computed_at) FROM rating_snapshots WHERE scope = {scope:String} AND method = {method:String})
    ORDER BY rating DESC`,
  /** Rejected events by reason since a time. */
  rejectedEventsByReason: `
    SELECT reason, count() AS events, sum(raw_bytes) AS bytes, max(toUnixTimestamp64Milli(ingested_at)) AS last_ms
    FROM rejected_events WHERE ingested_at >= fromUnixTimestamp64Milli({since:Int64})
    GROUP BY reason ORDER BY events DESC`,
  /** Vote counts per model pair and outcome: the sufficient statistics of a Bradley-Terry fit. */
  voteCounts: `
    SELECT model_a, model_b, winner, count() AS n FROM votes FINAL
    WHERE ({tenant:String} = '' OR tenant = {tenant:String}) AND ({anonymous_only:UInt8} = 0 OR anonymous = 1)
    GROUP BY model_a, model_b, winner ORDER BY model_a, model_b, winner`,
  /** Recent alerts. */
  recentAlerts: `
    SELECT alert_id, toUnixTimestamp64Milli(raised_at) AS raised_at_ms, tenant, severity, monitor, subject, message
    FROM alerts FINAL WHERE raised_at >= fromUnixTimestamp64Milli({since:Int64}) ORDER BY raised_at DESC LIMIT {limit:UInt32}`,

  // The monitors' queries (apps/pipeline/src/monitoring).
  /** Every tenant's per-minute totals per model version over a range, with the maps the drift metrics read. */
  monitorMinutes: `
    SELECT tenant, model, model_version, toUnixTimestamp64Milli(toDateTime64(minute, 3)) AS minute_ms,
           sum(responses) AS responses, sum(thumbs_up) AS thumbs_up, sum(thumbs_down) AS thumbs_down,
           sum(reward_sum) AS reward_sum, sum(reward_sumsq) AS reward_sumsq, sum(reward_count) AS reward_count,
           sumMap(signal_counts) AS signal_counts, sumMap(feature_sums) AS feature_sums, sumMap(feature_sumsqs) AS feature_sumsqs,
           sumMap(feature_counts) AS feature_counts, sumMap(reward_by_sums) AS reward_by_sums, sumMap(reward_by_sumsqs) AS reward_by_sumsqs,
           sumMap(reward_by_counts) AS reward_by_counts
    FROM minute_aggregates
    WHERE minute >= fromUnixTimestamp64Milli({from:Int64}) AND minute < fromUnixTimestamp64Milli({to:Int64})
    GROUP BY tenant, model, model_version, minute
    ORDER BY minute, tenant, model, model_version`,
  /** The newest minute with aggregates (0 when there are none): the event-time front the monitors trail. */
  latestAggregateMinute: `
    SELECT toUnixTimestamp64Milli(toDateTime64(max(minute), 3)) AS minute_ms, count() AS parts FROM minute_aggregates`,
  /** Effect snapshots computed in a range, oldest first. (Not aliased `computed_at`: ClickHouse would substitute the alias in WHERE.) */
  effectSnapshotsBetween: `
    SELECT toUnixTimestamp64Milli(computed_at) AS computed_at_ms, target, segment, \`window\`, feature, coef, se, ci_low, ci_high, n
    FROM effect_snapshots
    WHERE computed_at > fromUnixTimestamp64Milli({after:Int64}) AND computed_at <= fromUnixTimestamp64Milli({until:Int64})
    ORDER BY computed_at, target, segment, \`window\`, feature`,
  /** Rating snapshots computed in a range, oldest first. */
  ratingSnapshotsBetween: `
    SELECT toUnixTimestamp64Milli(computed_at) AS computed_at_ms, scope, method, model, rating, ci_low, ci_high, rank, votes
    FROM rating_snapshots
    WHERE computed_at > fromUnixTimestamp64Milli({after:Int64}) AND computed_at <= fromUnixTimestamp64Milli({until:Int64})
    ORDER BY computed_at, scope, method, model`,
  /** Which of these alert ids are already stored (raised, and delivered, before). */
  storedAlertIds: `
    SELECT DISTINCT alert_id FROM alerts WHERE alert_id IN {ids:Array(String)}`,
  /** Per monitored subject, the newest drift statistic stored since a time (so a restarted monitor does not write one twice). */
  latestDriftStats: `
    SELECT tenant, monitor, subject, toUnixTimestamp64Milli(max(computed_at)) AS computed_at_ms
    FROM drift_stats WHERE computed_at >= fromUnixTimestamp64Milli({since:Int64})
    GROUP BY tenant, monitor, subject`,
  /** The drift statistics of a tenant's subjects over a range (what the dashboard's drift panel plots). */
  driftStats: `
    SELECT toUnixTimestamp64Milli(computed_at) AS computed_at_ms, tenant, monitor, subject, statistic, threshold, drifted
    FROM drift_stats
    WHERE ({tenant:String} = '' OR tenant = {tenant:String}) AND computed_at >= fromUnixTimestamp64Milli({from:Int64}) AND computed_at < fromUnixTimestamp64Milli({to:Int64})
    ORDER BY computed_at, tenant, monitor, subject`,

  // The dashboard's queries (libs/dashboard). A tenant of '' means every tenant.
  /** Tenants with aggregates since a time, busiest first. */
  dashboardTenants: `
    SELECT tenant, sum(responses) AS responses, toUnixTimestamp64Milli(max(minute)) AS last_minute_ms
    FROM minute_aggregates WHERE minute >= fromUnixTimestamp64Milli({since:Int64})
    GROUP BY tenant ORDER BY responses DESC, tenant`,
  /** Everything the minute aggregates count, summed per model version over a range (all variants). */
  dashboardModelWindow: `
    SELECT model, model_version, sum(responses) AS responses, sum(thumbs_up) AS thumbs_up, sum(thumbs_down) AS thumbs_down,
           sum(rating_sum) AS rating_sum, sum(rating_sumsq) AS rating_sumsq, sum(rating_count) AS rating_count, sum(rating_positive) AS rating_positive,
           sum(reward_sum) AS reward_sum, sum(reward_sumsq) AS reward_sumsq, sum(reward_count) AS reward_count,
           sum(votes_won) AS votes_won, sum(votes_lost) AS votes_lost, sum(votes_tie) AS votes_tie, sum(votes_both_bad) AS votes_both_bad,
           sum(reactions) AS reactions, sum(flags) AS flags, sum(comments) AS comments, sumMap(signal_counts) AS signal_counts,
           sumMap(reward_by_sums) AS reward_by_sums, sumMap(reward_by_sumsqs) AS reward_by_sumsqs, sumMap(reward_by_counts) AS reward_by_counts
    FROM minute_aggregates
    WHERE ({tenant:String} = '' OR tenant = {tenant:String}) AND minute >= fromUnixTimestamp64Milli({from:Int64}) AND minute < fromUnixTimestamp64Milli({to:Int64})
    GROUP BY model, model_version ORDER BY responses DESC, model, model_version`,
  /** Per model version and minute: the counts the dashboard's time series plot. */
  dashboardMinuteSeries: `
    SELECT model, model_version, toUnixTimestamp64Milli(minute) AS minute_ms, sum(responses) AS responses,
           sum(thumbs_up) AS thumbs_up, sum(thumbs_down) AS thumbs_down, sum(reward_sum) AS reward_sum, sum(reward_count) AS reward_count
    FROM minute_aggregates
    WHERE ({tenant:String} = '' OR tenant = {tenant:String}) AND minute >= fromUnixTimestamp64Milli({from:Int64}) AND minute < fromUnixTimestamp64Milli({to:Int64})
    GROUP BY model, model_version, minute ORDER BY minute, model, model_version`,
  /** The rating scopes and methods that have snapshots, with the time of the latest. */
  ratingScopes: `
    SELECT scope, method, toUnixTimestamp64Milli(max(computed_at)) AS computed_at_ms
    FROM rating_snapshots GROUP BY scope, method ORDER BY scope, method`,
  /** The windows with effect snapshots for a segment. */
  effectWindows: `
    SELECT \`window\`, toUnixTimestamp64Milli(max(computed_at)) AS computed_at_ms
    FROM effect_snapshots WHERE segment = {segment:String} GROUP BY \`window\` ORDER BY \`window\``,
  /** The latest effect snapshot of each target for a segment and window, strongest evidence first. */
  latestEffects: `
    SELECT target, feature, coef, se, ci_low, ci_high, n, toUnixTimestamp64Milli(computed_at) AS computed_at_ms
    FROM effect_snapshots
    WHERE segment = {segment:String} AND \`window\` = {window:String}
      AND (target, computed_at) IN (SELECT target, max(computed_at) FROM effect_snapshots WHERE segment = {segment:String} AND \`window\` = {window:String} GROUP BY target)
    ORDER BY target, if(se > 0, abs(coef / se), 0) DESC, feature`,
  /** Late and unknown-turn events by reason and type since a time (ingestion time). */
  lateEventsByReason: `
    SELECT reason, type, count() AS events, max(lateness_ms) AS max_lateness_ms, max(toUnixTimestamp64Milli(ingested_at)) AS last_ms
    FROM late_events WHERE ({tenant:String} = '' OR tenant = {tenant:String}) AND ingested_at >= fromUnixTimestamp64Milli({since:Int64})
    GROUP BY reason, type ORDER BY events DESC, reason, type`,
  /** Recent alerts of one tenant (or all). */
  tenantAlerts: `
    SELECT alert_id, toUnixTimestamp64Milli(raised_at) AS raised_at_ms, tenant, severity, monitor, subject, message
    FROM alerts FINAL WHERE ({tenant:String} = '' OR tenant = {tenant:String}) AND raised_at >= fromUnixTimestamp64Milli({since:Int64})
    ORDER BY raised_at DESC LIMIT {limit:UInt32}`,
} as const;

export type NamedQuery = keyof typeof NAMED_QUERIES;

/** Runs a named query with its parameters, read-only. */
export function runNamedQuery<T = Record<string, unknown>>(store: Store, name: NamedQuery, params: QueryParams): Promise<T[]> {
  return store.query<T>(NAMED_QUERIES[name], params, { readonly: true });
}
