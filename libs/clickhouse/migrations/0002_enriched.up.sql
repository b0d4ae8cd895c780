-- Enriched responses: one row per turn, with features, classifier scores, signals, implicit reward and
-- the explicit feedback it received. A turn's row is re-emitted as new evidence arrives (a copy, a
-- thumbs-up, the follow-up message), each time with a higher version; ReplacingMergeTree keeps the
-- latest on merge and `FINAL` reads it exactly. The sorting key includes model and version (fixed for a
-- turn) so per-model queries read a narrow range.
CREATE TABLE IF NOT EXISTS responses
(
    tenant LowCardinality(String),
    model LowCardinality(String),
    model_version LowCardinality(String),
    variant LowCardinality(String),
    turn_id String,
    conversation_id String,
    user_hash String,
    segment LowCardinality(String),
    ts DateTime64(3, 'UTC'),
    prompt_chars UInt32,
    response_chars UInt32,
    latency_ms Float64,
    features Map(LowCardinality(String), Float64),
    scores Map(LowCardinality(String), Float64),
    signals Map(LowCardinality(String), Float64),
    implicit_reward Float64,
    thumbs Int8,
    rating Float64,
    version UInt32
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(ts)
ORDER BY (tenant, model, model_version, turn_id)
TTL toDateTime(ts) + INTERVAL 400 DAY
SETTINGS non_replicated_deduplication_window = 10000;

-- Signals: one row per piece of implicit evidence about a turn (append-only), for drill-down and for
-- recomputing rewards with other weights.
CREATE TABLE IF NOT EXISTS signals
(
    tenant LowCardinality(String),
    model LowCardinality(String),
    model_version LowCardinality(String),
    kind LowCardinality(String),
    turn_id String,
    conversation_id String,
    event_id String,
    value Float64,
    weight Float64,
    polarity Int8,
    ts DateTime64(3, 'UTC')
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(ts)
ORDER BY (tenant, kind, model, ts)
TTL toDateTime(ts) + INTERVAL 400 DAY
SETTINGS non_replicated_deduplication_window = 10000;

-- Pairwise votes with the two models and the normalised feature differences (A-B)/(A+B+1). Ratings and
-- preference effects are fitted from this table. Replacing on vote_id (= event_id).
CREATE TABLE IF NOT EXISTS votes
(
    tenant LowCardinality(String),
    vote_id String,
    conversation_id String,
    user_hash String,
    segment LowCardinality(String),
    model_a LowCardinality(String),
    model_b LowCardinality(String),
    winner Enum8('a' = 1, 'b' = 2, 'tie' = 3, 'both_bad' = 4),
    anonymous UInt8,
    feature_diffs Map(LowCardinality(String), Float64),
    ts DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(ts)
ORDER BY (tenant, vote_id)
SETTINGS non_replicated_deduplication_window = 10000;
