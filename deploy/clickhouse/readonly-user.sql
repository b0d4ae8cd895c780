-- A read-only role and user for the dashboard, monitors and ad-hoc queries. The pipeline's read API also
-- sends readonly=1 with every query; this makes the server enforce it whatever the client sends.
-- Replace the password (or use an external authenticator) and the database name if you changed them.
CREATE ROLE IF NOT EXISTS prefstream_reader;
GRANT SELECT ON prefstream.* TO prefstream_reader;
CREATE SETTINGS PROFILE IF NOT EXISTS prefstream_readonly SETTINGS readonly = 1 READONLY, max_execution_time = 30, max_result_rows = 1000000 TO prefstream_reader;
CREATE USER IF NOT EXISTS prefstream_dashboard IDENTIFIED WITH sha256_password BY 'change-me' DEFAULT ROLE prefstream_reader SETTINGS PROFILE prefstream_readonly;
GRANT prefstream_reader TO prefstream_dashboard;

-- The writer: what `prefstream run` needs (inserts, and DDL for migrations at start-up).
CREATE USER IF NOT EXISTS prefstream_writer IDENTIFIED WITH sha256_password BY 'change-me-too';
GRANT SELECT, INSERT, CREATE TABLE, CREATE VIEW, DROP TABLE, DROP VIEW, ALTER TABLE, OPTIMIZE ON prefstream.* TO prefstream_writer;
GRANT CREATE DATABASE ON prefstream.* TO prefstream_writer;
