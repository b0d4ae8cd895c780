DROP VIEW IF EXISTS day_aggregates_mv;
DROP TABLE IF EXISTS day_aggregates;
DROP VIEW IF EXISTS hour_aggregates_mv;
DROP TABLE IF EXISTS hour_aggregates;
DROP TABLE IF EXISTS minute_aggregates;
