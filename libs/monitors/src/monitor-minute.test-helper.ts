import type { MonitorMinute } from './monitor-minute';

/** An empty minute of acme/m1@v1 at t = 0, with the given fields. */
export const minuteOf = (overrides: Partial<MonitorMinute> = {}): MonitorMinute => ({
  tenant: 'acme', model: 'm1', model_version: 'v1', minute_ms: 0, responses: 0, thumbs_up: 0, thumbs_down: 0,
  reward_sum: 0, reward_sumsq: 0, reward_count: 0, signal_counts: {}, feature_sums: {}, feature_sumsqs: {}, feature_counts: {},
  reward_by_sums: {}, reward_by_sumsqs: {}, reward_by_counts: {}, ...overrides,
});
