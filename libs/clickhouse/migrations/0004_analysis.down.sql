DROP TABLE IF EXISTS reward_calibration;
DROP TABLE IF EXISTS alerts;
DROP TABLE IF EXISTS drift_stats;
DROP TABLE IF EXISTS effect_snapshots;
DROP TABLE IF EXISTS rating_snapshots;
