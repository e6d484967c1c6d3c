-- Two indexes that no query reads, kept up to date on every insert (each a page write per
-- new event or mention, on pages spread over the whole store as it grows):
-- mentions_by_event (event_id) is the first column of mentions_by_event_published
-- (migration 008), which serves every lookup of an event's mentions; events_by_date
-- (start_day, end_day) serves no query since the windows of migrations 010, 011 and 016:
-- `list` orders by COALESCE(start_day, end_day), which it cannot use.
DROP INDEX mentions_by_event;
DROP INDEX events_by_date;
