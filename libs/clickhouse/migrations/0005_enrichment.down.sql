DROP VIEW IF EXISTS day_aggregates_mv;
CREATE MATERIALIZED VIEW IF NOT EXISTS day_aggregates_mv TO day_aggregates AS
SELECT tenant, model, model_version, variant, toStartOfDay(minute) AS minute,
       responses, thumbs_up, thumbs_down, rating_sum, rating_count, reward_sum, reward_sumsq, reward_count,
       signal_counts, feature_sums, feature_counts, latency_sketch, length_sketch
FROM minute_aggregates;

DROP VIEW IF EXISTS hour_aggregates_mv;
CREATE MATERIALIZED VIEW IF NOT EXISTS hour_aggregates_mv TO hour_aggregates AS
SELECT tenant, model, model_version, variant, toStartOfHour(minute) AS minute,
       responses, thumbs_up, thumbs_down, rating_sum, rating_count, reward_sum, reward_sumsq, reward_count,
       signal_counts, feature_sums, feature_counts, latency_sketch, length_sketch
FROM minute_aggregates;

ALTER TABLE day_aggregates DROP COLUMN IF EXISTS rating_sumsq, DROP COLUMN IF EXISTS rating_positive, DROP COLUMN IF EXISTS votes_won, DROP COLUMN IF EXISTS votes_lost, DROP COLUMN IF EXISTS votes_tie, DROP COLUMN IF EXISTS votes_both_bad, DROP COLUMN IF EXISTS reactions, DROP COLUMN IF EXISTS flags, DROP COLUMN IF EXISTS comments, DROP COLUMN IF EXISTS feature_sumsqs, DROP COLUMN IF EXISTS reward_by_sums, DROP COLUMN IF EXISTS reward_by_sumsqs, DROP COLUMN IF EXISTS reward_by_counts;
ALTER TABLE hour_aggregates DROP COLUMN IF EXISTS rating_sumsq, DROP COLUMN IF EXISTS rating_positive, DROP COLUMN IF EXISTS votes_won, DROP COLUMN IF EXISTS votes_lost, DROP COLUMN IF EXISTS votes_tie, DROP COLUMN IF EXISTS votes_both_bad, DROP COLUMN IF EXISTS reactions, DROP COLUMN IF EXISTS flags, DROP COLUMN IF EXISTS comments, DROP COLUMN IF EXISTS feature_sumsqs, DROP COLUMN IF EXISTS reward_by_sums, DROP COLUMN IF EXISTS reward_by_sumsqs, DROP COLUMN IF EXISTS reward_by_counts;
ALTER TABLE minute_aggregates DROP COLUMN IF EXISTS rating_sumsq, DROP COLUMN IF EXISTS rating_positive, DROP COLUMN IF EXISTS votes_won, DROP COLUMN IF EXISTS votes_lost, DROP COLUMN IF EXISTS votes_tie, DROP COLUMN IF EXISTS votes_both_bad, DROP COLUMN IF EXISTS reactions, DROP COLUMN IF EXISTS flags, DROP COLUMN IF EXISTS comments, DROP COLUMN IF EXISTS feature_sumsqs, DROP COLUMN IF EXISTS reward_by_sums, DROP COLUMN IF EXISTS reward_by_sumsqs, DROP COLUMN IF EXISTS reward_by_counts;

DROP TABLE IF EXISTS late_events;
DROP VIEW IF EXISTS responses_enriched;
DROP TABLE IF EXISTS response_features;

ALTER TABLE responses DROP COLUMN IF EXISTS updated_ts, DROP COLUMN IF EXISTS flagged, DROP COLUMN IF EXISTS reacted, DROP COLUMN IF EXISTS commented, DROP COLUMN IF EXISTS final;
ALTER TABLE responses ADD COLUMN IF NOT EXISTS prompt_chars UInt32 AFTER ts, ADD COLUMN IF NOT EXISTS response_chars UInt32 AFTER prompt_chars, ADD COLUMN IF NOT EXISTS latency_ms Float64 AFTER response_chars, ADD COLUMN IF NOT EXISTS features Map(LowCardinality(String), Float64) AFTER latency_ms, ADD COLUMN IF NOT EXISTS scores Map(LowCardinality(String), Float64) AFTER features;
