-- Ingest looks for the stored events a report may be of: those whose days, widened by the
-- undated window (identity::UNDATED_WINDOW_DAYS = 7), reach the report's first day. The
-- query in write::find_same writes this very expression, so SQLite searches this index
-- instead of reading every event for every report.
CREATE INDEX events_by_window_end ON events (date(end_day, '+7 days'));
