-- The enrichment stages (signals, features, statistics) write here. Features are written once per turn,
-- when it arrives, into response_features; the responses table then carries only what changes (signals,
-- reward, explicit feedback), so a later version replacing the row loses nothing. responses_enriched
-- joins the two for readers.
ALTER TABLE responses DROP COLUMN IF EXISTS features, DROP COLUMN IF EXISTS scores, DROP COLUMN IF EXISTS prompt_chars, DROP COLUMN IF EXISTS response_chars, DROP COLUMN IF EXISTS latency_ms;
ALTER TABLE responses ADD COLUMN IF NOT EXISTS updated_ts DateTime64(3, 'UTC') AFTER ts, ADD COLUMN IF NOT EXISTS flagged UInt8, ADD COLUMN IF NOT EXISTS reacted UInt8, ADD COLUMN IF NOT EXISTS commented UInt8, ADD COLUMN IF NOT EXISTS final UInt8;

-- One row per turn: interpretable features (numeric and categorical) and classifier scores of the
-- response and its prompt. Replacing on the key, so a replayed turn is still one row.
CREATE TABLE IF NOT EXISTS response_features
(
    tenant LowCardinality(String),
    model LowCardinality(String),
    model_version LowCardinality(String),
    variant LowCardinality(String),
    turn_id String,
    conversation_id String,
    segment LowCardinality(String),
    ts DateTime64(3, 'UTC'),
    prompt_chars UInt32,
    response_chars UInt32,
    latency_ms Float64,
    features Map(LowCardinality(String), Float64),
    categories Map(LowCardinality(String), String),
    scores Map(LowCardinality(String), Float64)
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(ts)
ORDER BY (tenant, model, model_version, turn_id)
TTL toDateTime(ts) + INTERVAL 400 DAY
SETTINGS non_replicated_deduplication_window = 10000;

CREATE VIEW IF NOT EXISTS responses_enriched AS
SELECT r.tenant AS tenant, r.model AS model, r.model_version AS model_version, r.variant AS variant, r.turn_id AS turn_id,
       r.conversation_id AS conversation_id, r.user_hash AS user_hash, f.segment AS segment, r.ts AS ts, r.updated_ts AS updated_ts,
       f.prompt_chars AS prompt_chars, f.response_chars AS response_chars, f.latency_ms AS latency_ms,
       f.features AS features, f.categories AS categories, f.scores AS scores,
       r.signals AS signals, r.implicit_reward AS implicit_reward, r.thumbs AS thumbs, r.rating AS rating,
       r.flagged AS flagged, r.reacted AS reacted, r.commented AS commented, r.final AS final, r.version AS version
FROM responses AS r FINAL
LEFT JOIN response_features AS f FINAL ON r.tenant = f.tenant AND r.model = f.model AND r.model_version = f.model_version AND r.turn_id = f.turn_id;

-- Events that reached no signal: later than the allowed lateness, or about a turn never seen (or gone).
-- Counted here with the reason; the event itself is in raw_events.
CREATE TABLE IF NOT EXISTS late_events
(
    tenant LowCardinality(String),
    event_id String,
    conversation_id String,
    type LowCardinality(String),
    reason LowCardinality(String),
    lateness_ms UInt64,
    ts DateTime64(3, 'UTC'),
    ingested_at DateTime64(3, 'UTC')
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(ts)
ORDER BY (tenant, reason, ts)
TTL toDateTime(ts) + INTERVAL 90 DAY
SETTINGS non_replicated_deduplication_window = 10000;

-- Aggregates: everything MinuteAggregate counts, as sums (moments are stored as count, sum and sum of
-- squares so partials add). Explicit kinds stay apart: thumbs, ratings, votes, reactions, flags, comments.
ALTER TABLE minute_aggregates
    ADD COLUMN IF NOT EXISTS rating_sumsq SimpleAggregateFunction(sum, Float64),
    ADD COLUMN IF NOT EXISTS rating_positive SimpleAggregateFunction(sum, UInt64),
    ADD COLUMN IF NOT EXISTS votes_won SimpleAggregateFunction(sum, UInt64),
    ADD COLUMN IF NOT EXISTS votes_lost SimpleAggregateFunction(sum, UInt64),
    ADD COLUMN IF NOT EXISTS votes_tie SimpleAggregateFunction(sum, UInt64),
    ADD COLUMN IF NOT EXISTS votes_both_bad SimpleAggregateFunction(sum, UInt64),
    ADD COLUMN IF NOT EXISTS reactions SimpleAggregateFunction(sum, UInt64),
    ADD COLUMN IF NOT EXISTS flags SimpleAggregateFunction(sum, UInt64),
    ADD COLUMN IF NOT EXISTS comments SimpleAggregateFunction(sum, UInt64),
    ADD COLUMN IF NOT EXISTS feature_sumsqs SimpleAggregateFunction(sumMap, Map(String, Float64)),
    ADD COLUMN IF NOT EXISTS reward_by_sums SimpleAggregateFunction(sumMap, Map(String, Float64)),
    ADD COLUMN IF NOT EXISTS reward_by_sumsqs SimpleAggregateFunction(sumMap, Map(String, Float64)),
    ADD COLUMN IF NOT EXISTS reward_by_counts SimpleAggregateFunction(sumMap, Map(String, UInt64));

ALTER TABLE hour_aggregates
    ADD COLUMN IF NOT EXISTS rating_sumsq SimpleAggregateFunction(sum, Float64),
    ADD COLUMN IF NOT EXISTS rating_positive SimpleAggregateFunction(sum, UInt64),
    ADD COLUMN IF NOT EXISTS votes_won SimpleAggregateFunction(sum, UInt64),
    ADD COLUMN IF NOT EXISTS votes_lost SimpleAggregateFunction(sum, UInt64),
    ADD COLUMN IF NOT EXISTS votes_tie SimpleAggregateFunction(sum, UInt64),
    ADD COLUMN IF NOT EXISTS votes_both_bad SimpleAggregateFunction(sum, UInt64),
    ADD COLUMN IF NOT EXISTS reactions SimpleAggregateFunction(sum, UInt64),
    ADD COLUMN IF NOT EXISTS flags SimpleAggregateFunction(sum, UInt64),
    ADD COLUMN IF NOT EXISTS comments SimpleAggregateFunction(sum, UInt64),
    ADD COLUMN IF NOT EXISTS feature_sumsqs SimpleAggregateFunction(sumMap, Map(String, Float64)),
    ADD COLUMN IF NOT EXISTS reward_by_sums SimpleAggregateFunction(sumMap, Map(String, Float64)),
    ADD COLUMN IF NOT EXISTS reward_by_sumsqs SimpleAggregateFunction(sumMap, Map(String, Float64)),
    ADD COLUMN IF NOT EXISTS reward_by_counts SimpleAggregateFunction(sumMap, Map(String, UInt64));

ALTER TABLE day_aggregates
    ADD COLUMN IF NOT EXISTS rating_sumsq SimpleAggregateFunction(sum, Float64),
    ADD COLUMN IF NOT EXISTS rating_positive SimpleAggregateFunction(sum, UInt64),
    ADD COLUMN IF NOT EXISTS votes_won SimpleAggregateFunction(sum, UInt64),
    ADD COLUMN IF NOT EXISTS votes_lost SimpleAggregateFunction(sum, UInt64),
    ADD COLUMN IF NOT EXISTS votes_tie SimpleAggregateFunction(sum, UInt64),
    ADD COLUMN IF NOT EXISTS votes_both_bad SimpleAggregateFunction(sum, UInt64),
    ADD COLUMN IF NOT EXISTS reactions SimpleAggregateFunction(sum, UInt64),
    ADD COLUMN IF NOT EXISTS flags SimpleAggregateFunction(sum, UInt64),
    ADD COLUMN IF NOT EXISTS comments SimpleAggregateFunction(sum, UInt64),
    ADD COLUMN IF NOT EXISTS feature_sumsqs SimpleAggregateFunction(sumMap, Map(String, Float64)),
    ADD COLUMN IF NOT EXISTS reward_by_sums SimpleAggregateFunction(sumMap, Map(String, Float64)),
    ADD COLUMN IF NOT EXISTS reward_by_sumsqs SimpleAggregateFunction(sumMap, Map(String, Float64)),
    ADD COLUMN IF NOT EXISTS reward_by_counts SimpleAggregateFunction(sumMap, Map(String, UInt64));

-- The rollup views carry the new columns too (a view's column list is fixed when it is created).
DROP VIEW IF EXISTS hour_aggregates_mv;
CREATE MATERIALIZED VIEW IF NOT EXISTS hour_aggregates_mv TO hour_aggregates AS
SELECT tenant, model, model_version, variant, toStartOfHour(minute) AS minute,
       responses, thumbs_up, thumbs_down, rating_sum, rating_count, reward_sum, reward_sumsq, reward_count,
       signal_counts, feature_sums, feature_counts, latency_sketch, length_sketch,
       rating_sumsq, rating_positive, votes_won, votes_lost, votes_tie, votes_both_bad, reactions, flags, comments,
       feature_sumsqs, reward_by_sums, reward_by_sumsqs, reward_by_counts
FROM minute_aggregates;

DROP VIEW IF EXISTS day_aggregates_mv;
CREATE MATERIALIZED VIEW IF NOT EXISTS day_aggregates_mv TO day_aggregates AS
SELECT tenant, model, model_version, variant, toStartOfDay(minute) AS minute,
       responses, thumbs_up, thumbs_down, rating_sum, rating_count, reward_sum, reward_sumsq, reward_count,
       signal_counts, feature_sums, feature_counts, latency_sketch, length_sketch,
       rating_sumsq, rating_positive, votes_won, votes_lost, votes_tie, votes_both_bad, reactions, flags, comments,
       feature_sumsqs, reward_by_sums, reward_by_sumsqs, reward_by_counts
FROM minute_aggregates;
