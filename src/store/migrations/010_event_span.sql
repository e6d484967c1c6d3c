-- The days an event may match a report on, as numbers, and the size class of that stretch,
-- so that write::find_same finds the candidate events of a report with bounded index
-- ranges instead of scanning every event that ends after the report's first day (which,
-- as a store grows along time, is every event of the months before).
--
-- lo_day..hi_day: the event's days widened as find_same widens them (an undated event
-- spans the week before its report; every event the week after its end: UNDATED_WINDOW_DAYS
-- = 7), as Julian day numbers. span_class: the smallest c >= 4 with hi_day - lo_day < 2^c
-- (at most 22: 2^22 days are more than the years 0000-9999 hold). An event of class c that overlaps a window starting on day `from`
-- has lo_day > from - 2^c, so find_same asks, per type and class, for lo_day between
-- from - 2^c and the window's last day: a range of the index below, never the whole table.
-- Generated columns: SQLite keeps them right on every insert and update, with no backfill.
ALTER TABLE events ADD COLUMN lo_day INTEGER
    GENERATED ALWAYS AS (CAST(julianday(COALESCE(start_day, date(end_day, '-7 days'))) AS INTEGER)) VIRTUAL;
ALTER TABLE events ADD COLUMN hi_day INTEGER
    GENERATED ALWAYS AS (CAST(julianday(end_day) AS INTEGER) + 7) VIRTUAL;
ALTER TABLE events ADD COLUMN span_class INTEGER
    GENERATED ALWAYS AS (
        CASE
        WHEN hi_day - lo_day < 16 THEN 4
        WHEN hi_day - lo_day < 32 THEN 5
        WHEN hi_day - lo_day < 64 THEN 6
        WHEN hi_day - lo_day < 128 THEN 7
        WHEN hi_day - lo_day < 256 THEN 8
        WHEN hi_day - lo_day < 512 THEN 9
        WHEN hi_day - lo_day < 1024 THEN 10
        WHEN hi_day - lo_day < 2048 THEN 11
        WHEN hi_day - lo_day < 4096 THEN 12
        WHEN hi_day - lo_day < 8192 THEN 13
        WHEN hi_day - lo_day < 16384 THEN 14
        WHEN hi_day - lo_day < 32768 THEN 15
        WHEN hi_day - lo_day < 65536 THEN 16
        WHEN hi_day - lo_day < 131072 THEN 17
        WHEN hi_day - lo_day < 262144 THEN 18
        WHEN hi_day - lo_day < 524288 THEN 19
        WHEN hi_day - lo_day < 1048576 THEN 20
        WHEN hi_day - lo_day < 2097152 THEN 21
        ELSE 22
        END) VIRTUAL;
CREATE INDEX events_by_type_span ON events (type, span_class, lo_day);
-- The index of migration 004 served the query this one replaces.
DROP INDEX events_by_window_end;
