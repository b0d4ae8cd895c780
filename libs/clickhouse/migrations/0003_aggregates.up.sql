-- Per-minute partial aggregates per tenant, model, model_version and variant. Every worker inserts the
-- partials of the events it processed (one row per key and minute per slice); AggregatingMergeTree sums
-- them on merge and queries sum() them, so partials from many workers and many slices combine exactly.
-- SimpleAggregateFunction columns (sum, sumMap) are insertable as plain values, which keeps writers
-- free of ClickHouse's binary state format. Latency and length sketches are DDSketch bucket counts
-- (bucket index -> count, relative accuracy 1%), which sumMap merges exactly.
CREATE TABLE IF NOT EXISTS minute_aggregates
(
    tenant LowCardinality(String),
    model LowCardinality(String),
    model_version LowCardinality(String),
    variant LowCardinality(String),
    minute DateTime64(3, 'UTC'),
    responses SimpleAggregateFunction(sum, UInt64),
    thumbs_up SimpleAggregateFunction(sum, UInt64),
    thumbs_down SimpleAggregateFunction(sum, UInt64),
    rating_sum SimpleAggregateFunction(sum, Float64),
    rating_count SimpleAggregateFunction(sum, UInt64),
    reward_sum SimpleAggregateFunction(sum, Float64),
    reward_sumsq SimpleAggregateFunction(sum, Float64),
    reward_count SimpleAggregateFunction(sum, UInt64),
    signal_counts SimpleAggregateFunction(sumMap, Map(String, UInt64)),
    feature_sums SimpleAggregateFunction(sumMap, Map(String, Float64)),
    feature_counts SimpleAggregateFunction(sumMap, Map(String, UInt64)),
    latency_sketch SimpleAggregateFunction(sumMap, Map(Int16, UInt64)),
    length_sketch SimpleAggregateFunction(sumMap, Map(Int16, UInt64))
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(minute)
ORDER BY (tenant, model, model_version, variant, minute)
TTL toDateTime(minute) + INTERVAL 30 DAY
SETTINGS non_replicated_deduplication_window = 10000;

-- Hour and day rollups: the same partials re-keyed by a coarser time bucket, kept longer.
CREATE TABLE IF NOT EXISTS hour_aggregates AS minute_aggregates
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(minute)
ORDER BY (tenant, model, model_version, variant, minute)
TTL toDateTime(minute) + INTERVAL 400 DAY
SETTINGS non_replicated_deduplication_window = 10000;

CREATE MATERIALIZED VIEW IF NOT EXISTS hour_aggregates_mv TO hour_aggregates AS
SELECT tenant, model, model_version, variant, toStartOfHour(minute) AS minute,
       responses, thumbs_up, thumbs_down, rating_sum, rating_count, reward_sum, reward_sumsq, reward_count,
       signal_counts, feature_sums, feature_counts, latency_sketch, length_sketch
FROM minute_aggregates;

CREATE TABLE IF NOT EXISTS day_aggregates AS minute_aggregates
ENGINE = AggregatingMergeTree
PARTITION BY toYear(minute)
ORDER BY (tenant, model, model_version, variant, minute)
TTL toDateTime(minute) + INTERVAL 1825 DAY
SETTINGS non_replicated_deduplication_window = 10000;

CREATE MATERIALIZED VIEW IF NOT EXISTS day_aggregates_mv TO day_aggregates AS
SELECT tenant, model, model_version, variant, toStartOfDay(minute) AS minute,
       responses, thumbs_up, thumbs_down, rating_sum, rating_count, reward_sum, reward_sumsq, reward_count,
       signal_counts, feature_sums, feature_counts, latency_sketch, length_sketch
FROM minute_aggregates;
