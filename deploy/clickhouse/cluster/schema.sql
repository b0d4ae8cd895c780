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
    latency_sketch SimpleAggregateFunction(sumMap, Map(Int16, UInt64)), length_sketch SimpleAggregateFunction(sumMap, Map(Int16, UInt64)),
    rating_sumsq SimpleAggregateFunction(sum, Float64), rating_positive SimpleAggregateFunction(sum, UInt64),
    votes_won SimpleAggregateFunction(sum, UInt64), votes_lost SimpleAggregateFunction(sum, UInt64), votes_tie SimpleAggregateFunction(sum, UInt64), votes_both_bad SimpleAggregateFunction(sum, UInt64),
    reactions SimpleAggregateFunction(sum, UInt64), flags SimpleAggregateFunction(sum, UInt64), comments SimpleAggregateFunction(sum, UInt64),
    feature_sumsqs SimpleAggregateFunction(sumMap, Map(String, Float64)),
    reward_by_sums SimpleAggregateFunction(sumMap, Map(String, Float64)), reward_by_sumsqs SimpleAggregateFunction(sumMap, Map(String, Float64)), reward_by_counts SimpleAggregateFunction(sumMap, Map(String, UInt64))
)
ENGINE = ReplicatedAggregatingMergeTree('/clickhouse/tables/{shard}/prefstream/minute_aggregates', '{replica}')
PARTITION BY toYYYYMM(minute) ORDER BY (tenant, model, model_version, variant, minute) TTL toDateTime(minute) + INTERVAL 30 DAY;
CREATE TABLE IF NOT EXISTS prefstream.minute_aggregates ON CLUSTER prefstream AS prefstream.minute_aggregates_local
ENGINE = Distributed(prefstream, prefstream, minute_aggregates_local, cityHash64(tenant, model, model_version, variant));

-- Enrichment tables (migrations 0002 and 0005). Sharded by conversation so a turn's versions meet on one
-- shard (ReplacingMergeTree collapses only within a shard); votes by vote_id.
CREATE TABLE IF NOT EXISTS prefstream.responses_local ON CLUSTER prefstream
(
    tenant LowCardinality(String), model LowCardinality(String), model_version LowCardinality(String), variant LowCardinality(String),
    turn_id String, conversation_id String, user_hash String, segment LowCardinality(String), ts DateTime64(3, 'UTC'), updated_ts DateTime64(3, 'UTC'),
    signals Map(LowCardinality(String), Float64), implicit_reward Float64, thumbs Int8, rating Float64,
    flagged UInt8, reacted UInt8, commented UInt8, final UInt8, version UInt32
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/prefstream/responses', '{replica}', version)
PARTITION BY toYYYYMM(ts) ORDER BY (tenant, model, model_version, turn_id) TTL toDateTime(ts) + INTERVAL 400 DAY;
CREATE TABLE IF NOT EXISTS prefstream.responses ON CLUSTER prefstream AS prefstream.responses_local
ENGINE = Distributed(prefstream, prefstream, responses_local, cityHash64(conversation_id));

CREATE TABLE IF NOT EXISTS prefstream.response_features_local ON CLUSTER prefstream
(
    tenant LowCardinality(String), model LowCardinality(String), model_version LowCardinality(String), variant LowCardinality(String),
    turn_id String, conversation_id String, segment LowCardinality(String), ts DateTime64(3, 'UTC'),
    prompt_chars UInt32, response_chars UInt32, latency_ms Float64,
    features Map(LowCardinality(String), Float64), categories Map(LowCardinality(String), String), scores Map(LowCardinality(String), Float64)
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/prefstream/response_features', '{replica}')
PARTITION BY toYYYYMM(ts) ORDER BY (tenant, model, model_version, turn_id) TTL toDateTime(ts) + INTERVAL 400 DAY;
CREATE TABLE IF NOT EXISTS prefstream.response_features ON CLUSTER prefstream AS prefstream.response_features_local
ENGINE = Distributed(prefstream, prefstream, response_features_local, cityHash64(conversation_id));

CREATE TABLE IF NOT EXISTS prefstream.signals_local ON CLUSTER prefstream
(
    tenant LowCardinality(String), model LowCardinality(String), model_version LowCardinality(String), kind LowCardinality(String),
    turn_id String, conversation_id String, event_id String, value Float64, weight Float64, polarity Int8, ts DateTime64(3, 'UTC')
)
ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/prefstream/signals', '{replica}')
PARTITION BY toYYYYMM(ts) ORDER BY (tenant, kind, model, ts) TTL toDateTime(ts) + INTERVAL 400 DAY;
CREATE TABLE IF NOT EXISTS prefstream.signals ON CLUSTER prefstream AS prefstream.signals_local
ENGINE = Distributed(prefstream, prefstream, signals_local, cityHash64(conversation_id));

CREATE TABLE IF NOT EXISTS prefstream.votes_local ON CLUSTER prefstream
(
    tenant LowCardinality(String), vote_id String, conversation_id String, user_hash String, segment LowCardinality(String),
    model_a LowCardinality(String), model_b LowCardinality(String), winner Enum8('a' = 1, 'b' = 2, 'tie' = 3, 'both_bad' = 4),
    anonymous UInt8, feature_diffs Map(LowCardinality(String), Float64), ts DateTime64(3, 'UTC')
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/prefstream/votes', '{replica}')
PARTITION BY toYYYYMM(ts) ORDER BY (tenant, vote_id);
CREATE TABLE IF NOT EXISTS prefstream.votes ON CLUSTER prefstream AS prefstream.votes_local
ENGINE = Distributed(prefstream, prefstream, votes_local, cityHash64(vote_id));

CREATE TABLE IF NOT EXISTS prefstream.late_events_local ON CLUSTER prefstream
(
    tenant LowCardinality(String), event_id String, conversation_id String, type LowCardinality(String), reason LowCardinality(String),
    lateness_ms UInt64, ts DateTime64(3, 'UTC'), ingested_at DateTime64(3, 'UTC')
)
ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/prefstream/late_events', '{replica}')
PARTITION BY toYYYYMM(ts) ORDER BY (tenant, reason, ts) TTL toDateTime(ts) + INTERVAL 90 DAY;
CREATE TABLE IF NOT EXISTS prefstream.late_events ON CLUSTER prefstream AS prefstream.late_events_local
ENGINE = Distributed(prefstream, prefstream, late_events_local, cityHash64(conversation_id));
