DROP VIEW IF EXISTS events_per_minute_mv;
DROP TABLE IF EXISTS events_per_minute;
DROP TABLE IF EXISTS pipeline_checkpoints;
DROP TABLE IF EXISTS rejected_events;
DROP TABLE IF EXISTS raw_events;
