-- Rating snapshots: each refit of the pairwise ratings (Bradley-Terry, with and without style control,
-- and the online Elo beside it), with intervals and the number of votes behind them. Append-only history;
-- the latest snapshot per scope is read with argMax.
CREATE TABLE IF NOT EXISTS rating_snapshots
(
    computed_at DateTime64(3, 'UTC'),
    scope LowCardinality(String),
    method LowCardinality(String),
    model String,
    rating Float64,
    ci_low Float64,
    ci_high Float64,
    rank UInt32,
    votes UInt64,
    gradient_norm Float64
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(computed_at)
ORDER BY (scope, method, computed_at, model)
TTL toDateTime(computed_at) + INTERVAL 400 DAY;

-- Feature-effect snapshots: coefficient of each feature on preference (votes) or approval (thumbs), with
-- standard errors, per segment and window.
CREATE TABLE IF NOT EXISTS effect_snapshots
(
    computed_at DateTime64(3, 'UTC'),
    target LowCardinality(String),
    segment String,
    window LowCardinality(String),
    feature LowCardinality(String),
    coef Float64,
    se Float64,
    ci_low Float64,
    ci_high Float64,
    n UInt64
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(computed_at)
ORDER BY (target, segment, window, feature, computed_at)
TTL toDateTime(computed_at) + INTERVAL 400 DAY;

-- Drift statistics: per monitored quantity and window, the detector's statistic and threshold.
CREATE TABLE IF NOT EXISTS drift_stats
(
    computed_at DateTime64(3, 'UTC'),
    tenant LowCardinality(String),
    monitor LowCardinality(String),
    subject String,
    statistic Float64,
    threshold Float64,
    drifted UInt8,
    details String
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(computed_at)
ORDER BY (tenant, monitor, subject, computed_at)
TTL toDateTime(computed_at) + INTERVAL 400 DAY;

-- Alerts raised by rules and detectors; deduplicated by alert_id so a re-raised alert is one row.
CREATE TABLE IF NOT EXISTS alerts
(
    alert_id String,
    raised_at DateTime64(3, 'UTC'),
    tenant LowCardinality(String),
    severity Enum8('info' = 1, 'warning' = 2, 'critical' = 3),
    monitor LowCardinality(String),
    subject String,
    message String,
    details String
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(raised_at)
ORDER BY (tenant, alert_id)
TTL toDateTime(raised_at) + INTERVAL 400 DAY
SETTINGS non_replicated_deduplication_window = 10000;

-- Reward calibration: weights of the online logistic model P(thumbs up | signals), per snapshot.
CREATE TABLE IF NOT EXISTS reward_calibration
(
    computed_at DateTime64(3, 'UTC'),
    tenant LowCardinality(String),
    signal LowCardinality(String),
    weight Float64,
    n UInt64,
    auc Float64
)
ENGINE = MergeTree
ORDER BY (tenant, computed_at, signal)
TTL toDateTime(computed_at) + INTERVAL 400 DAY;
