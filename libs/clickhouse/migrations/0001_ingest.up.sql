-- Raw events: every accepted event once, as received (user id pseudonymised). The system of record that
-- everything else can be recomputed from.
-- ReplacingMergeTree on the sorting key (which ends in event_id): a producer retry that sent the same
-- event_id at another offset collapses on merge (queries that must be exact use FINAL or uniqExact).
-- Partitioned by month of event time: retention drops whole partitions; the TTL is the retention
-- (90 days by default, changed at start-up from config by ALTER ... MODIFY TTL).
-- Ordered by tenant and type first: dashboards filter on them; conversation_id groups a chat's events.
-- Insert deduplication window: replays after a crash re-send the same blocks with the same tokens.
CREATE TABLE IF NOT EXISTS raw_events
(
    event_id String,
    type LowCardinality(String),
    tenant LowCardinality(String),
    conversation_id String,
    user_hash String,
    ts DateTime64(3, 'UTC'),
    ingested_at DateTime64(3, 'UTC'),
    source String,
    payload String CODEC(ZSTD(3))
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(ts)
ORDER BY (tenant, type, conversation_id, event_id)
TTL toDateTime(ts) + INTERVAL 90 DAY
SETTINGS non_replicated_deduplication_window = 10000;

-- Rejected events: the dead-letter table. Kept 30 days by ingestion time (they are evidence of producer
-- bugs, looked at soon or never). Ordered by reason for the "rejected by reason" panel.
CREATE TABLE IF NOT EXISTS rejected_events
(
    reason LowCardinality(String),
    message String,
    raw_base64 String CODEC(ZSTD(3)),
    raw_bytes UInt64,
    source String,
    ingested_at DateTime64(3, 'UTC')
)
ENGINE = MergeTree
PARTITION BY toYYYYMMDD(ingested_at)
ORDER BY (reason, ingested_at)
TTL toDateTime(ingested_at) + INTERVAL 30 DAY
SETTINGS non_replicated_deduplication_window = 10000;

-- Checkpoints: per consumer group and partition, the range log (what was written as one unit) and
-- snapshots of operator state. Small rows; a week of history is plenty to restart from (only the
-- latest snapshot and the ranges after it are ever read).
CREATE TABLE IF NOT EXISTS pipeline_checkpoints
(
    consumer_group String,
    topic String,
    partition UInt32,
    kind Enum8('range' = 1, 'snapshot' = 2),
    from_offset UInt64,
    to_offset UInt64,
    idle_watermark_ms Int64,
    state String CODEC(ZSTD(3)),
    written_at DateTime64(3, 'UTC')
)
ENGINE = MergeTree
ORDER BY (consumer_group, topic, partition, kind, to_offset)
TTL toDateTime(written_at) + INTERVAL 7 DAY
SETTINGS non_replicated_deduplication_window = 10000;

-- Events per minute and distinct users, as partial aggregate states merged across workers
-- (countMerge / uniqMerge). Fed by a materialized view, so it is exact for whatever raw_events received.
CREATE TABLE IF NOT EXISTS events_per_minute
(
    tenant LowCardinality(String),
    type LowCardinality(String),
    minute DateTime('UTC'),
    events AggregateFunction(count),
    users AggregateFunction(uniq, String)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(minute)
ORDER BY (tenant, type, minute)
TTL minute + INTERVAL 400 DAY
SETTINGS non_replicated_deduplication_window = 10000;

CREATE MATERIALIZED VIEW IF NOT EXISTS events_per_minute_mv TO events_per_minute AS
SELECT tenant, type, toStartOfMinute(ts) AS minute, countState() AS events, uniqState(user_hash) AS users
FROM raw_events
GROUP BY tenant, type, minute;
