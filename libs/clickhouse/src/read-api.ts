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
} as const;

export type NamedQuery = keyof typeof NAMED_QUERIES;

/** Runs a named query with its parameters, read-only. */
export function runNamedQuery<T = Record<string, unknown>>(store: Store, name: NamedQuery, params: QueryParams): Promise<T[]> {
  return store.query<T>(NAMED_QUERIES[name], params, { readonly: true });
}
