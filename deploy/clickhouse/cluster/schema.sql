-- prefstream schema for a ClickHouse cluster named `prefstream` (see README.md). Same columns as the
-- single-node migrations; Replicated engines + Distributed tables.
CREATE DATABASE IF NOT EXISTS prefstream ON CLUSTER prefstream;

CREATE TABLE IF NOT EXISTS prefstream.raw_events_local ON CLUSTER prefstream
(
    event_id String, type LowCardinality(String), tenant LowCardinality(String), conversation_id String, user_hash String,
    ts DateTime64(3, 'UTC'), ingested_at DateTime64(3, 'UTC'), source String, payload String CODEC(ZSTD(3))
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/prefstream/raw_events', '{replica}')
PARTITION BY toYYYYMM(ts) ORDER BY (tenant, type, conversation_id, event_id)
TTL toDateTime(ts) + INTERVAL 90 DAY;
CREATE TABLE IF NOT EXISTS prefstream.raw_events ON CLUSTER prefstream AS prefstream.raw_events_local
ENGINE = Distributed(prefstream, prefstream, raw_events_local, cityHash64(conversation_id));

CREATE TABLE IF NOT EXISTS prefstream.rejected_events_local ON CLUSTER prefstream
(reason LowCardinality(String), message String, raw_base64 String CODEC(ZSTD(3)), raw_bytes UInt64, source String, ingested_at DateTime64(3, 'UTC'))
ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/prefstream/rejected_events', '{replica}')
PARTITION BY toYYYYMMDD(ingested_at) ORDER BY (reason, ingested_at) TTL toDateTime(ingested_at) + INTERVAL 30 DAY;
CREATE TABLE IF NOT EXISTS prefstream.rejected_events ON CLUSTER prefstream AS prefstream.rejected_events_local
ENGINE = Distributed(prefstream, prefstream, rejected_events_local, rand());

CREATE TABLE IF NOT EXISTS prefstream.pipeline_checkpoints_local ON CLUSTER prefstream
(
    consumer_group String, topic String, partition UInt32, kind Enum8('range' = 1, 'snapshot' = 2),
    from_offset UInt64, to_offset UInt64, idle_watermark_ms Int64, state String CODEC(ZSTD(3)), written_at DateTime64(3, 'UTC')
)
ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/prefstream/pipeline_checkpoints', '{replica}')
ORDER BY (consumer_group, topic, partition, kind, to_offset) TTL toDateTime(written_at) + INTERVAL 7 DAY;
-- Checkpoints of one partition must be read back consistently: route them all to one shard.
CREATE TABLE IF NOT EXISTS prefstream.pipeline_checkpoints ON CLUSTER prefstream AS prefstream.pipeline_checkpoints_local
ENGINE = Distributed(prefstream, prefstream, pipeline_checkpoints_local, cityHash64(consumer_group, topic, partition));

CREATE TABLE IF NOT EXISTS prefstream.minute_aggregates_local ON CLUSTER prefstream
(
    tenant LowCardinality(String), model LowCardinality(String), model_version LowCardinality(String), variant LowCardinality(String),
    minute DateTime64(3, 'UTC'),
    responses SimpleAggregateFunction(sum, UInt64), thumbs_up SimpleAggregateFunction(sum, UInt64), thumbs_down SimpleAggregateFunction(sum, UInt64),
    rating_sum SimpleAggregateFunction(sum, Float64), rating_count SimpleAggregateFunction(sum, UInt64),
    reward_sum SimpleAggregateFunction(sum, Float64), reward_sumsq SimpleAggregateFunction(sum, Float64), reward_count SimpleAggregateFunction(sum, UInt64),
    signal_counts SimpleAggregateFunction(sumMap, Map(String, UInt64)), feature_sums SimpleAggregateFunction(sumMap, Map(String, Float64)),
    feature_counts SimpleAggregateFunction(sumMap, Map(String, UInt64)),
    latency_sketch SimpleAggregateFunction(sumMap, Map(Int16, UInt64)), length_sketch SimpleAggregateFunction(sumMap, Map(Int16, UInt64))
)
ENGINE = ReplicatedAggregatingMergeTree('/clickhouse/tables/{shard}/prefstream/minute_aggregates', '{replica}')
PARTITION BY toYYYYMM(minute) ORDER BY (tenant, model, model_version, variant, minute) TTL toDateTime(minute) + INTERVAL 30 DAY;
CREATE TABLE IF NOT EXISTS prefstream.minute_aggregates ON CLUSTER prefstream AS prefstream.minute_aggregates_local
ENGINE = Distributed(prefstream, prefstream, minute_aggregates_local, cityHash64(tenant, model, model_version, variant));
